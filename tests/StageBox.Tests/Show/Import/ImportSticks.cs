using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Show;
using StageBox.Show.Library;
using StageBox.Show.Model;
using StageBox.Show.Playback;
using System.Runtime.InteropServices;

namespace StageBox.Tests.Show.Import;

/// <summary>USB sticks for the import tests: a sound two-song show in StageBox/, one stem at 44.1 kHz so the import resamples.</summary>
internal static class ImportSticks
{
    public const int DeviceRate = 48_000;
    public const int Outputs = 8;
    public const string Show = "StageBox";

    public static string SongYaml(string title, params (string File, string Outputs)[] stems) =>
        $"title: {title}\ncount_in: 0\ntempo_map:\n  - {{ bar: 1, tempo: 120, meter: 4/4 }}\nstems:\n"
        + string.Concat(stems.Select(s => $"  - {{ file: {s.File}, outputs: [{s.Outputs}] }}\n"));

    /// <summary>Opener (drums stereo, bass mono, at 48 kHz) and Closer (keys stereo at 44.1 kHz), in setlist main.</summary>
    public static TempShowFolder TwoSongs(string openerTitle = "Opener", int frames = 4_800) => new TempShowFolder()
        .Text($"{Show}/songs/opener/song.yaml", SongYaml(openerTitle, ("drums.wav", "3, 4"), ("bass.wav", "5")))
        .Wav($"{Show}/songs/opener/drums.wav", channels: 2, frames)
        .Wav($"{Show}/songs/opener/bass.wav", channels: 1, frames)
        .Text($"{Show}/songs/closer/song.yaml", SongYaml("Closer", ("keys.wav", "3, 4")))
        .Wav($"{Show}/songs/closer/keys.wav", channels: 2, frames: frames * 441 / 480, sampleRate: 44_100)
        .Text($"{Show}/setlists/main.yaml", "title: Main\nsongs:\n  - opener\n  - closer\n");

    /// <summary>
    /// The library's installed show as the box would play it: loaded at the device rate, every
    /// song prepared, and the first song started in the real engine; true when its stems sound.
    /// </summary>
    public static bool Plays(ShowLibrary library)
    {
        LoadResult<ShowDefinition> loaded = InstalledShow.Load(library, DeviceRate, Outputs);
        if (!loaded.Succeeded) return false;
        IReadOnlyList<SetlistSlot> slots = new SongPreparer(DeviceRate).PrepareSetlist(loaded.Value, loaded.Value.Setlists.Keys.First());
        var engine = new PlaybackEngine(slots, new PcmFormat(DeviceRate, Outputs, SampleFormat.Float32), 256);
        engine.Commands.TryEnqueue(TransportCommand.Play);
        var period = new byte[engine.PeriodBytes];
        float loudest = 0;
        for (int i = 0; i < 20; i++)
        {
            engine.RenderPeriod(period);
            ReadOnlySpan<float> samples = MemoryMarshal.Cast<byte, float>(period);
            for (int s = 2; s < samples.Length; s += Outputs) loudest = Math.Max(loudest, Math.Abs(samples[s]));
        }
        return loudest > 0.01f;
    }

    /// <summary>Everything that identifies the library's state: CURRENT's bytes and each file's path and size (import reports aside: each import adds one).</summary>
    public static string Fingerprint(ShowLibrary library) =>
        (File.Exists(library.Layout.PointerFile) ? File.ReadAllText(library.Layout.PointerFile) : "(no CURRENT)") + "\n"
        + string.Join("\n", Directory.EnumerateFiles(library.Layout.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(library.Layout.StagingFolder, StringComparison.Ordinal) && !f.StartsWith(library.Layout.ReportsFolder, StringComparison.Ordinal) && f != library.Layout.LockFile)
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(library.Layout.Root, f)} {new FileInfo(f).Length}"));
}
