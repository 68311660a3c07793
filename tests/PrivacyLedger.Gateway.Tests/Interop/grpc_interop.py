#!/usr/bin/env python3
"""A gRPC client of PrivacyLedger that is not .NET: Python's grpcio, with stubs generated from our .proto files now.

Usage: grpc_interop.py --protos CONTRACTS_FOLDER --target HOST:PORT   (the API key in PL_API_KEY)

It compiles CONTRACTS_FOLDER/privacy_ledger/v1/*.proto with protoc and grpc_python_plugin (Debian's protobuf-compiler
and protobuf-compiler-grpc) into a temporary folder, imports what they generate, then talks to a running gateway:
enrols two people, grants and withdraws a consent, checks permissions one by one and on a stream, runs a small real
erasure campaign and follows its progress stream until it ends, and makes two calls that must fail (no key; a bad
field). It prints what the gateway answered as one JSON document; the calling test judges it.
Exit codes: 0 answers printed, 1 a call failed unexpectedly, 3 grpcio, protoc or the plugin is missing.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
import uuid

MISSING = ("needs Debian's python3-grpcio, python3-protobuf, protobuf-compiler and protobuf-compiler-grpc: "
           "apt-get install python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc")

try:
    import grpc
except ImportError:
    print(f"grpcio is missing; the gRPC interop client {MISSING}", file=sys.stderr)
    sys.exit(3)

HERE = os.path.dirname(os.path.abspath(__file__))
REGISTER = "pk-terveys-customers"  # direct marketing there is by consent: a check's answer follows the consent
PURPOSE = "direct-marketing"


def generate(contracts, out):
    """protoc with the distribution's well-known types; Debian 12's grpc-tools bundles a protoc too old for proto3 `optional`."""
    protoc, plugin = shutil.which("protoc"), shutil.which("grpc_python_plugin")
    if protoc is None or plugin is None or not os.path.isdir("/usr/include/google/protobuf"):
        print(f"protoc or grpc_python_plugin is missing; the gRPC interop client {MISSING}", file=sys.stderr)
        sys.exit(3)
    ours = sorted(os.path.relpath(p, contracts) for p in glob.glob(os.path.join(contracts, "privacy_ledger", "v1", "*.proto")))
    if not ours:
        print(f"no .proto files under {contracts}/privacy_ledger/v1", file=sys.stderr)
        sys.exit(1)
    common = ["-I", contracts, "-I", HERE, "-I", "/usr/include", f"--python_out={out}"]
    subprocess.run([protoc, *common, f"--grpc_out={out}", f"--plugin=protoc-gen-grpc={plugin}", *ours], check=True, cwd=contracts)
    subprocess.run([protoc, *common, "grpc_status_details.proto"], check=True, cwd=HERE)
    sys.path.insert(0, out)


def status_details(error):
    """The call's google.rpc.Status from its trailer, with the rich details it holds decoded by type."""
    import grpc_status_details_pb2 as rpc
    raw = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
    if raw is None:
        return {"present": False}
    status = rpc.Status.FromString(raw)
    decoded = {"present": True, "code": status.code, "types": [], "field_violations": [], "resource_info": []}
    for detail in status.details:
        decoded["types"].append(detail.type_url.rsplit("/", 1)[-1])
        if detail.Is(rpc.BadRequest.DESCRIPTOR):
            bad = rpc.BadRequest()
            detail.Unpack(bad)
            decoded["field_violations"] += [{"field": v.field, "description": v.description} for v in bad.field_violations]
        elif detail.Is(rpc.ResourceInfo.DESCRIPTOR):
            info = rpc.ResourceInfo()
            detail.Unpack(info)
            decoded["resource_info"].append({"resource_type": info.resource_type, "resource_name": info.resource_name})
    return decoded


def failure(call):
    """Runs a call that must fail; answers its code and decoded details (or what came back instead)."""
    try:
        call()
    except grpc.RpcError as error:
        return {"code": error.code().name, "details": status_details(error)}
    return {"code": "OK"}


def run(args):
    from privacy_ledger.v1 import common_pb2 as common
    from privacy_ledger.v1 import subjects_pb2 as subjects, subjects_pb2_grpc
    from privacy_ledger.v1 import permissions_pb2 as permissions, permissions_pb2_grpc
    from privacy_ledger.v1 import campaigns_pb2 as campaigns, campaigns_pb2_grpc

    key = [("x-api-key", os.environ["PL_API_KEY"])]
    answers = {}
    with grpc.insecure_channel(args.target) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=30)
        except grpc.FutureTimeoutError:
            print(f"no gRPC listener answered at {args.target} within 30 s", file=sys.stderr)
            sys.exit(1)
        people = subjects_pb2_grpc.SubjectServiceStub(channel)
        checks = permissions_pb2_grpc.PermissionServiceStub(channel)
        deadline = 30

        def enrol():
            email = f"grpc-interop-{uuid.uuid4().hex}@example.fi"
            reply = people.Enrol(subjects.EnrolRequest(
                register_id=REGISTER,
                identifiers=[common.Identifier(kind=common.IDENTIFIER_KIND_EMAIL, value=email)],
                contact=common.ContactData(given_name="Interop"),
                source="grpc-interop"), metadata=key, timeout=deadline)
            return {"subject_id": reply.subject_id, "created": reply.created}

        def check(subject_id):
            reply = checks.Check(permissions.CheckRequest(subject_id=subject_id, purpose=PURPOSE, channel=common.CHANNEL_EMAIL),
                                 metadata=key, timeout=deadline)
            return {"allowed": reply.allowed, "reasons": list(reply.reasons)}

        def grant(subject_id):
            people.GrantConsent(subjects.GrantConsentRequest(subject_id=subject_id, purpose_id=PURPOSE,
                                                             channels=[common.CHANNEL_EMAIL, common.CHANNEL_SMS],
                                                             source="grpc-interop", evidence="interop test"),
                                metadata=key, timeout=deadline)

        first, second = enrol(), enrol()
        answers["enrolled"] = [first, second]
        answers["check_before_consent"] = check(first["subject_id"])
        grant(first["subject_id"])
        grant(second["subject_id"])
        answers["check_after_grant"] = check(first["subject_id"])
        people.WithdrawConsent(subjects.WithdrawConsentRequest(subject_id=first["subject_id"], purpose_id=PURPOSE, source="grpc-interop"),
                               metadata=key, timeout=deadline)
        answers["check_after_withdrawal"] = check(first["subject_id"])
        subject = people.GetSubject(subjects.GetSubjectRequest(subject_id=second["subject_id"]), metadata=key, timeout=deadline).subject
        answers["second_consents"] = [{"purpose_id": c.purpose_id, "channels": [common.Channel.Name(ch) for ch in c.channels],
                                       "granted_at_seconds": c.granted_at.seconds} for c in subject.consents]

        # Bidirectional: all questions written before any answer is read; answers come in the order asked.
        unknown = uuid.uuid4().hex
        asked = [
            permissions.CheckStreamRequest(subject_id=first["subject_id"], purpose=PURPOSE, channel=common.CHANNEL_EMAIL),
            permissions.CheckStreamRequest(subject_id=second["subject_id"], purpose=PURPOSE, channel=common.CHANNEL_EMAIL),
            permissions.CheckStreamRequest(subject_id=unknown, purpose=PURPOSE, channel=common.CHANNEL_EMAIL),
            permissions.CheckStreamRequest(subject_id="", purpose=PURPOSE, channel=common.CHANNEL_EMAIL),
            permissions.CheckStreamRequest(subject_id=second["subject_id"], purpose=PURPOSE, channel=common.CHANNEL_SMS),
        ]
        answers["unknown_subject_id"] = unknown
        answers["stream"] = [
            {"subject_id": a.result.subject_id, "allowed": a.result.allowed, "reasons": list(a.result.reasons)} if a.HasField("result")
            else {"error": {"code": a.error.code, "field": a.error.field, "message": a.error.message}}
            for a in checks.CheckStream(iter(asked), metadata=key, timeout=deadline)
        ]

        # A small real campaign: both people erased, followed on the server stream until it ends.
        operations = campaigns_pb2_grpc.CampaignServiceStub(channel)
        started = operations.StartCampaign(campaigns.StartCampaignRequest(
            kind=campaigns.CAMPAIGN_KIND_ERASURE,
            selector=campaigns.CampaignSelector(subject_ids=[first["subject_id"], second["subject_id"]]),
            dry_run=False), metadata=key, timeout=deadline)
        campaign = started.campaign
        progress = []
        for update in operations.WatchCampaignProgress(campaigns.WatchCampaignProgressRequest(campaign_id=campaign.campaign_id), metadata=key, timeout=120):
            view = update.campaign
            progress.append({"status": campaigns.CampaignStatus.Name(view.status), "total": view.total, "processed": view.processed,
                             "erased": view.erased, "failed": view.failed, "dry_run": view.dry_run})
        answers["campaign"] = {"campaign_id": campaign.campaign_id, "started_status": campaigns.CampaignStatus.Name(campaign.status),
                               "dry_run": campaign.dry_run, "progress": progress}

        answers["no_key"] = failure(lambda: checks.Check(
            permissions.CheckRequest(subject_id=second["subject_id"], purpose=PURPOSE, channel=common.CHANNEL_EMAIL), timeout=deadline))
        answers["bad_field"] = failure(lambda: people.Enrol(subjects.EnrolRequest(
            register_id=REGISTER, identifiers=[common.Identifier(kind=common.IDENTIFIER_KIND_EMAIL, value="not-an-e-mail-address")],
            source="grpc-interop"), metadata=key, timeout=deadline))
    return answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protos", required=True, help="the folder holding privacy_ledger/v1/*.proto")
    parser.add_argument("--target", required=True, help="host:port of the gateway's gRPC listener (h2c)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pl-grpc-stubs-") as out:
        generate(os.path.abspath(args.protos), out)
        try:
            answers = run(args)
        except grpc.RpcError as error:
            ours = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == os.path.abspath(__file__)]
            where = f" at line {ours[-1].lineno}: {ours[-1].line}" if ours else ""
            print(f"unexpected {error.code().name}{where}: {error.details()}", file=sys.stderr)
            return 1
    print(json.dumps(answers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
