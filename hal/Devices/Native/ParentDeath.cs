namespace StageBox.Hal.Native;

/// <summary>PR_SET_PDEATHSIG with SIGKILL: this process dies with its parent, so a killed importer leaves no orphan working on.</summary>
public static class ParentDeath
{
    public static void KillsThisProcess()
    {
        const nuint kill = 9; // SIGKILL
        if (SystemCall.ProcessControl(SystemCall.SetParentDeathSignal, kill, 0, 0, 0) != 0)
            throw new InvalidOperationException($"prctl(PR_SET_PDEATHSIG) failed: {SystemCall.LastError()}");
    }
}
