#!/usr/bin/env python3
"""Verifies a PrivacyLedger receipt (compact JWS, ES256) against a JWK Set, with no .NET code involved.

Usage: verify_receipt.py RECEIPT_FILE JWKS_FILE
Exit codes: 0 valid (the payload is printed), 1 bad signature, 2 unknown kid or malformed input,
3 the python3-cryptography package is missing.

An independent check of the gateway's signer: written from RFC 7515 (JWS), RFC 7517 (JWK) and RFC 7518
section 3.4 (ES256 signatures are r||s, 32 bytes each), using Python's `cryptography` as Debian ships it.
"""
import base64
import json
import sys

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
except ImportError:
    print("python3-cryptography is missing: install it with `apt-get install python3-cryptography`", file=sys.stderr)
    sys.exit(3)


def b64url(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def fail(code, message):
    print(message, file=sys.stderr)
    sys.exit(code)


def main(receipt_path, jwks_path):
    with open(receipt_path, encoding="ascii") as f:
        token = f.read().strip()
    with open(jwks_path, encoding="utf-8") as f:
        jwks = json.load(f)

    parts = token.split(".")
    if len(parts) != 3:
        fail(2, "malformed: not a compact JWS")
    try:
        header = json.loads(b64url(parts[0]))
        signature = b64url(parts[2])
    except ValueError as error:
        fail(2, f"malformed: {error}")
    if header.get("alg") != "ES256":
        fail(2, f"malformed: alg {header.get('alg')!r} is not ES256")

    keys = [k for k in jwks.get("keys", []) if k.get("kid") == header.get("kid")]
    if not keys:
        fail(2, f"unknown kid {header.get('kid')!r}")
    jwk = keys[0]
    if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
        fail(2, "malformed: the key is not EC P-256")
    public_key = ec.EllipticCurvePublicNumbers(
        int.from_bytes(b64url(jwk["x"]), "big"), int.from_bytes(b64url(jwk["y"]), "big"), ec.SECP256R1()
    ).public_key()

    if len(signature) != 64:
        fail(1, "bad signature: not 64 bytes")
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        public_key.verify(der, (parts[0] + "." + parts[1]).encode("ascii"), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        fail(1, "bad signature")

    print(json.dumps({"header": header, "payload": json.loads(b64url(parts[1]))}))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        fail(2, __doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
