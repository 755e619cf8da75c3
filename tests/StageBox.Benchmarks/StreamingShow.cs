using System.Diagnostics;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Media.Wav;
using StageBox.Show;
using StageBox.Show.Model;
using StageBox.Show.Playback;

namespace StageBox.Benchmarks;

/// <summary>
/// <c>make bench ARGS=stream</c>: streaming playback from disk. The real box (build/stagebox
/// run --sim) plays a two-hour show of 16-stem songs and a three-song one, and its peak
/// resident memory is read from /proc; then the time from `next` (while stopped) until the
/// read-ahead has the cued song ready, for songs whose stems are real audio on disk.
/// </summary>
internal static class StreamingShow
{
    private const int Rate = 48_000, Stems = 16, Period = 256;

    public static void Run()
    {
        string stagebox = BuiltBox.Program;
        string root = Directory.CreateTempSubdirectory("stagebox-stream-bench-").FullName;
        try
        {
            Console.WriteLine();
            Console.WriteLine($"## Streaming playback ({Stems} mono stems a song, float WAV at {Rate} Hz as the library stores them)");
            Console.WriteLine();
            Console.WriteLine("| show | stems on disk | peak RSS of `stagebox run --sim --play`, 20 s | stem frames not ready in time |");
            Console.WriteLine("|---|---|---|---|");
            foreach ((string name, int songs) in new[] { ("3 songs of 4 min", 3), ("30 songs of 4 min: 2 hours", 30) })
            {
                string show = WriteShow(Path.Join(root, $"show{songs}"), songs, seconds: 240, sparse: true);
                (long peakKiB, string missing) = PeakResidentMemory(stagebox, show, Path.Join(root, "sim.wav"));
                Console.WriteLine($"| {name} | {songs * Stems * 240L * Rate * 4 / 1e9:0.0} GB | {peakKiB / 1024.0:0} MiB | {missing} |");
            }
            Console.WriteLine("(the two-hour show's stems are sparse files, so it takes no disk; what is measured is what the box holds)");
            NextToReady(WriteShow(Path.Join(root, "real"), songs: 4, seconds: 20, sparse: false));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string WriteShow(string folder, int songs, int seconds, bool sparse)
    {
        var random = new Random(7);
        var setlist = new System.Text.StringBuilder("title: Bench\nsongs:\n");
        for (int song = 1; song <= songs; song++)
        {
            string songFolder = Path.Join(folder, "songs", $"song{song:00}");
            Directory.CreateDirectory(songFolder);
            var yaml = new System.Text.StringBuilder($"title: Song {song}\ntempo_map:\n  - {{ bar: 1, tempo: 120, meter: 4/4 }}\ncount_in: 0\n"
                + "sections:\n  - { name: Intro, bar: 1 }\n  - { name: Verse, bar: 5 }\n  - { name: Chorus, bar: 13 }\n  - { name: Bridge, bar: 29 }\nstems:\n");
            for (int stem = 1; stem <= Stems; stem++)
            {
                string path = Path.Join(songFolder, $"stem{stem:00}.wav");
                if (sparse) WriteSparseFloatWav(path, (long)seconds * Rate);
                else WavWriter.WritePlanarFloat(path, Rate, [Enumerable.Range(0, seconds * Rate).Select(_ => (float)(random.NextDouble() - 0.5) * 0.1f).ToArray()], SampleFormat.Float32);
                yaml.Append($"  - {{ file: stem{stem:00}.wav, outputs: [{3 + (stem - 1) % 6}] }}\n");
            }
            File.WriteAllText(Path.Join(songFolder, "song.yaml"), yaml.ToString());
            setlist.Append($"  - song{song:00}\n");
        }
        Directory.CreateDirectory(Path.Join(folder, "setlists"));
        File.WriteAllText(Path.Join(folder, "setlists", "main.yaml"), setlist.ToString());
        return folder;
    }

    /// <summary>A mono float WAV whose samples are a hole in the file: silent, and no disk used.</summary>
    private static void WriteSparseFloatWav(string path, long frames)
    {
        using (var writer = new WavWriter(path, new PcmFormat(Rate, 1, SampleFormat.Float32))) writer.Write(new byte[4]);
        long dataBytes = frames * sizeof(float);
        using var file = new FileStream(path, FileMode.Open);
        file.SetLength(file.Length - 4 + dataBytes);
        // The data chunk's size field sits just before the data; the RIFF size at byte 4.
        long dataStart = file.Length - dataBytes;
        file.Position = dataStart - 4;
        file.Write(BitConverter.GetBytes((uint)dataBytes));
        file.Position = 4;
        file.Write(BitConverter.GetBytes((uint)(file.Length - 8)));
    }

    private static (long PeakKiB, string Missing) PeakResidentMemory(string stagebox, string show, string recording)
    {
        var start = new ProcessStartInfo(stagebox) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string argument in new[] { "run", "--sim", "--show", show, "--play", "--exit-after", "20", "--record", recording, "--status-file", recording + ".status" })
            start.ArgumentList.Add(argument);
        using Process box = Process.Start(start)!;
        Task<string> output = box.StandardOutput.ReadToEndAsync();
        box.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!box.WaitForExit(200))
            peak = Math.Max(peak, StatusKiB(box.Id, "VmHWM:") ?? 0);
        string missing = output.Result.Split('\n').FirstOrDefault(line => line.StartsWith("streamed stems:", StringComparison.Ordinal)) is { } line
            ? line[(line.LastIndexOf(':') + 1)..].Trim() : "(the box streamed nothing)";
        return (peak, missing);
    }

    private static long? StatusKiB(int pid, string field)
    {
        try
        {
            string? line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>`next` while stopped cues the next song; ready is when its start and heads are read (page cache dropped first when allowed).</summary>
    private static void NextToReady(string show)
    {
        LoadResult<ShowDefinition> loaded = ShowLoader.LoadShow(show, 8);
        if (!loaded.Succeeded) throw new InvalidOperationException(string.Join("\n", loaded.Errors));
        var streams = new StemStreams(Rate);
        IReadOnlyList<SetlistSlot> setlist = new SongPreparer(Rate, streams).PrepareSetlist(loaded.Value!, "main");
        var engine = new PlaybackEngine(setlist, new PcmFormat(Rate, 8, SampleFormat.Float32), Period);
        using var readAhead = new StemReadAhead(streams, engine.Position);
        var period = new byte[engine.PeriodBytes];
        var times = new List<double>();
        bool cold = true;
        for (int change = 0; change < 24; change++)
        {
            cold &= DropPageCache();
            engine.Commands.TryEnqueue(change % 4 == 3 ? TransportCommand.SelectSong(0) : TransportCommand.NextSong);
            engine.RenderPeriod(period);
            var clock = Stopwatch.StartNew();
            do readAhead.FillOnce(); while (!readAhead.IsReady);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine();
        Console.WriteLine($"`next` to ready ({times.Count} song changes, {Stems} stems of real audio, {(cold ? "page cache dropped before each: read from disk" : "page cache warm: /proc/sys/vm/drop_caches was refused")}): "
            + $"median {times[times.Count / 2]:0.0} ms, max {times[^1]:0.0} ms of reading, plus up to 5 ms until the read-ahead's next pass");
    }

    private static bool DropPageCache()
    {
        try
        {
            File.WriteAllText("/proc/sys/vm/drop_caches", "1");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
