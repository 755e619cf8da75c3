using System.Globalization;

namespace StageBox.Tests.Redundancy.Pair;

/// <summary>
/// One simulated box's recording, read back independently: the noise channel's samples, and when
/// each reached the speaker, from the heard-time log beside it. A killed box leaves its WAV
/// header without sizes, so the data chunk is taken to the end of the file.
/// </summary>
public sealed class Recording
{
    private readonly List<(long Frame, long StartNs, double NsPerFrame)> _starts = [];

    public Recording(string wavPath)
    {
        byte[] file = File.ReadAllBytes(wavPath);
        (int data, int channels) = Layout(file);
        int frames = (file.Length - data) / (channels * sizeof(float));
        Samples = new float[frames];
        for (int i = 0; i < frames; i++)
            Samples[i] = BitConverter.ToSingle(file, data + (i * channels + NoiseShow.NoiseChannel) * sizeof(float));
        foreach (string line in File.ReadAllLines(wavPath + ".timeline"))
        {
            string[] fields = line.Split(' ');
            if (fields[0] == "start") _starts.Add((long.Parse(fields[1]), long.Parse(fields[2]), double.Parse(fields[3], CultureInfo.InvariantCulture)));
            else if (fields[0] == "away") AwayAt = long.Parse(fields[1]);
        }
    }

    public float[] Samples { get; }

    /// <summary>When the device went away (CLOCK_MONOTONIC ns), or long.MaxValue.</summary>
    public long AwayAt { get; } = long.MaxValue;

    /// <summary>When recorded frame <paramref name="frame"/> reached the speaker (CLOCK_MONOTONIC ns).</summary>
    public long HeardAt(long frame)
    {
        int segment = _starts.FindLastIndex(s => s.Frame <= frame);
        (long start, long startNs, double nsPerFrame) = _starts[Math.Max(0, segment)];
        return startNs + (long)((frame - start) * nsPerFrame);
    }

    /// <summary>The last frame heard before <paramref name="cutNs"/> (the device closed or gone then), -1 if none.</summary>
    public long LastHeardBefore(long cutNs) => Math.Min(FirstHeardAtOrAfter(Math.Min(cutNs, AwayAt)), Samples.Length) - 1;

    /// <summary>The first frame at or after <paramref name="from"/> that is not silent, -1 if none.</summary>
    public long FirstSoundFrom(long from)
    {
        for (long frame = Math.Max(0, from); frame < Samples.Length; frame++)
            if (Samples[frame] != 0) return frame;
        return -1;
    }

    /// <summary>The first frame heard at or after <paramref name="ns"/> (heard times only grow along a recording).</summary>
    public long FirstHeardAtOrAfter(long ns)
    {
        long low = _starts.Count == 0 ? 0 : _starts[0].Frame, high = Samples.Length;
        while (low < high)
        {
            long middle = (low + high) / 2;
            if (HeardAt(middle) >= ns) high = middle;
            else low = middle + 1;
        }
        return low;
    }

    /// <summary>Where the samples start and how many channels a frame holds, from the file's chunks (a killed box left the data chunk's size 0).</summary>
    private static (int Data, int Channels) Layout(byte[] file)
    {
        int channels = 0;
        for (int position = 12; position + 8 <= file.Length;)
        {
            string id = System.Text.Encoding.ASCII.GetString(file, position, 4);
            uint size = BitConverter.ToUInt32(file, position + 4);
            if (id == "fmt ") channels = BitConverter.ToUInt16(file, position + 8 + 2);
            if (id == "data") return (position + 8, channels);
            position += 8 + (int)size + (int)(size & 1);
        }
        throw new InvalidDataException("no data chunk");
    }
}
