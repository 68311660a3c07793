namespace PrivacyLedger.Ledger.Registers;

/// <summary>What a register grain stores: its current definition.</summary>
public sealed class RegisterState
{
    public StoredRegister? Current { get; set; }
}
