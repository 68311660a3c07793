using Microsoft.Extensions.Options;
using PrivacyLedger.Gateway.Extensions;
using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Tests;

public sealed class StartupFailureTests
{
    [Fact]
    public void A_settings_problem_found_inside_the_silos_start_is_reported_as_one()
    {
        var invalid = new OptionsValidationException(nameof(LedgerOptions), typeof(LedgerOptions), ["Ledger:MasterKeys: 3 stored data keys are wrapped under version 1"]);
        // As Orleans reports a startup task's failure: wrapped, the settings problem inside.
        var wrapped = new InvalidOperationException("Lifecycle start canceled due to errors at stage 'Active (20000)'.", new AggregateException(invalid));

        Assert.Equal(invalid.Failures, StartupFailure.SettingsProblems(wrapped));
        Assert.Null(StartupFailure.SettingsProblems(new InvalidOperationException("not settings", new TimeoutException())));
    }
}
