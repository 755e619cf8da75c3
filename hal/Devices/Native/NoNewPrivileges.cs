namespace StageBox.Hal.Native;

/// <summary>
/// PR_SET_NO_NEW_PRIVS: from here on no execve can gain privileges (setuid, file capabilities),
/// for this process and every child. The kernel requires it before an unprivileged process may
/// install a seccomp filter or restrict itself with Landlock.
/// </summary>
public static class NoNewPrivileges
{
    public static void Set()
    {
        if (SystemCall.ProcessControl(SystemCall.SetNoNewPrivileges, 1, 0, 0, 0) != 0)
            throw new InvalidOperationException($"prctl(PR_SET_NO_NEW_PRIVS) failed: {SystemCall.LastError()}");
    }
}
