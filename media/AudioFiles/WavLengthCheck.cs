namespace StageBox.Media.AudioFiles;

/// <summary>
/// libsndfile quietly plays a WAV whose data chunk claims more bytes than the file holds, as if
/// the song were shorter: the mark of an export cut off or a copy that did not finish. The box
/// refuses it instead, so a stem never silently stops early on stage.
/// </summary>
internal static class WavLengthCheck
{
    /// <summary>Writers streaming a WAV of unknown length leave these in the size field; they are not a lie.</summary>
    private const uint UnknownLength = 0xFFFFFFFF;

    /// <summary>The problem with <paramref name="path"/>'s data chunk, or null (also for files that are not RIFF WAVE).</summary>
    public static string? Problem(string path)
    {
        using FileStream file = File.OpenRead(path);
        foreach (RiffWaveChunks.Chunk chunk in RiffWaveChunks.Of(file))
        {
            if (chunk.Id != "data") continue;
            long present = file.Length - chunk.Start;
            return chunk.Size != UnknownLength && chunk.Size > present
                ? $"the WAV header promises {chunk.Size} bytes of audio but the file holds {present}: it was cut off (export or copy it again)"
                : null;
        }
        return null;
    }
}
