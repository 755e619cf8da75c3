namespace StageBox.Benchmarks;

/// <summary>The published program `make build` leaves at build/stagebox, for benchmarks that run the real box as a process.</summary>
internal static class BuiltBox
{
    public static string Program
    {
        get
        {
            string path = Path.GetFullPath("build/stagebox");
            return File.Exists(path) ? path : throw new FileNotFoundException("run `make build` first: the benchmark runs the real stagebox", path);
        }
    }
}
