namespace StageBox.Tests.App;

/// <summary>
/// The scheduling policy of each thread of a running process, as the kernel reports it in
/// /proc/PID/task/TID/stat (field 41, 1 = SCHED_FIFO). The fields are counted after the
/// thread's name, which is in parentheses and may hold spaces (".NET TP Worker"): cutting the
/// line at spaces would read another field for such a thread.
/// </summary>
internal static class ThreadPolicies
{
    public const int Fifo = 1; // SCHED_FIFO

    public sealed record Thread(string Name, int Policy);

    /// <summary>Every thread of <paramref name="process"/> still there as it is read; empty once the process is gone.</summary>
    public static IReadOnlyList<Thread> Of(int process)
    {
        var threads = new List<Thread>();
        IEnumerable<string> tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{process}/task");
        }
        catch (DirectoryNotFoundException)
        {
            return threads;
        }
        foreach (string task in tasks)
        {
            try
            {
                string stat = File.ReadAllText(Path.Join(task, "stat"));
                int nameEnd = stat.LastIndexOf(')');
                string name = stat[(stat.IndexOf('(') + 1)..nameEnd];
                // After "PID (NAME) ": field 3 (state) is the first, so field 41 is at index 38.
                string[] fields = stat[(nameEnd + 2)..].Split(' ');
                threads.Add(new Thread(name, int.Parse(fields[41 - 3])));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The thread ended between the listing and the read.
            }
        }
        return threads;
    }
}
