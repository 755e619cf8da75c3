using System.Diagnostics;
using System.Text.RegularExpressions;
using StageBox.Hal;
using StageBox.Media.Wav;

namespace StageBox.Benchmarks;

/// <summary>
/// <c>make bench ARGS=import</c>: the real <c>stagebox import</c> (build/stagebox, its own process
/// at idle priority, as on the box) of a 16-stem song as a DAW exports it (mono 24-bit WAV at
/// 44.1 kHz, so every stem is resampled): its speed as a multiple of real time alone, and the
/// audio thread's render times and underruns with no import and with one running beside it.
/// </summary>
internal static partial class ImportBesidePlayback
{
    private const int Stems = 16, SourceRate = 44_100;
    private static readonly TimeSpan SongLength = TimeSpan.FromMinutes(4);

    public static void Run()
    {
        string stagebox = BuiltBox.Program;
        string root = Directory.CreateTempSubdirectory("stagebox-import-bench-").FullName;
        try
        {
            string stick = WriteStick(Path.Join(root, "stick"));
            (TimeSpan alone, string aloneReport) = Import(stagebox, stick, Path.Join(root, "library-alone"));
            var clock = Stopwatch.StartNew();
            RealTimeRender.Result quiet = RealTimeRender.WhilePlaying(() => clock.Elapsed < alone);
            Process? importer = null;
            RealTimeRender.Result beside = RealTimeRender.WhilePlaying(
                () => importer is null || !importer.HasExited,
                () => importer ??= StartImport(stagebox, stick, Path.Join(root, "library-beside")));
            string besideReport = importer!.StandardOutput.ReadToEnd();
            importer.WaitForExit();

            Console.WriteLine();
            Console.WriteLine($"## Import of a {Stems}-stem song ({SongLength.TotalMinutes:0} min, mono 24-bit WAV at {SourceRate} Hz, resampled to 48 kHz) beside playback");
            Console.WriteLine($"import alone: {alone.TotalSeconds:0.0} s for the process; {RealTime(aloneReport)}");
            Console.WriteLine($"import beside playback: {RealTime(besideReport)}");
            Console.WriteLine($"audio thread: {quiet.RealTime}; {RealTimeRender.Setup}");
            Console.WriteLine();
            Console.WriteLine($"| playback | {RealTimeRender.Columns} |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine($"| alone, {quiet.Health.Periods * RealTimeRender.Period / (double)RealTimeRender.Rate:0} s | {RealTimeRender.Cells(quiet)} |");
            Console.WriteLine($"| with the import running | {RealTimeRender.Cells(beside)} |");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string WriteStick(string stick)
    {
        string song = Path.Join(stick, "StageBox", "songs", "sixteen");
        Directory.CreateDirectory(song);
        Directory.CreateDirectory(Path.Join(stick, "StageBox", "setlists"));
        var random = new Random(16);
        int frames = (int)(SongLength.TotalSeconds * SourceRate);
        var yaml = new System.Text.StringBuilder("title: Sixteen Stems\ntempo_map:\n  - { bar: 1, tempo: 120, meter: 4/4 }\nstems:\n");
        for (int stem = 1; stem <= Stems; stem++)
        {
            var audio = new float[frames];
            for (int f = 0; f < frames; f++) audio[f] = (float)(random.NextDouble() - 0.5) * 0.2f;
            WavWriter.WritePlanarFloat(Path.Join(song, $"stem{stem:00}.wav"), SourceRate, [audio], SampleFormat.S24_3LE);
            yaml.Append($"  - {{ file: stem{stem:00}.wav, outputs: [{3 + (stem - 1) % 6}] }}\n");
        }
        File.WriteAllText(Path.Join(song, "song.yaml"), yaml.ToString());
        File.WriteAllText(Path.Join(stick, "StageBox", "setlists", "main.yaml"), "title: Main\nsongs:\n  - sixteen\n");
        return stick;
    }

    private static Process StartImport(string stagebox, string stick, string library)
    {
        var start = new ProcessStartInfo(stagebox) { RedirectStandardOutput = true };
        foreach (string argument in new[] { "import", stick, "--library", library }) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    private static (TimeSpan Took, string Report) Import(string stagebox, string stick, string library)
    {
        var clock = Stopwatch.StartNew();
        using Process importer = StartImport(stagebox, stick, library);
        string report = importer.StandardOutput.ReadToEnd();
        importer.WaitForExit();
        if (importer.ExitCode != 0) throw new InvalidOperationException($"the import failed:\n{report}");
        return (clock.Elapsed, report);
    }

    /// <summary>The report's own figure, e.g. "0:04:00 of music, in 2.5 s (96.0x real time)".</summary>
    private static string RealTime(string report) =>
        RealTimeFigure().Match(report) is { Success: true } match ? match.Value : $"(no speed in the report: {report.Trim()})";

    [GeneratedRegex(@"[0-9:]+ of music, in [0-9.]+ s \([0-9.]+x real time\)")]
    private static partial Regex RealTimeFigure();
}
