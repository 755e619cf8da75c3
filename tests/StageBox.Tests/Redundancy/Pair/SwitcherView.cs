namespace StageBox.Tests.Redundancy.Pair;

/// <summary>
/// The two boxes' recordings combined as a switcher would: the primary until it falls silent,
/// then the backup. It measures the audible gap between the primary's last frame heard and
/// the backup's first, and the position error there: which song frame the backup plays
/// against the one the primary would have played at that moment, both found by matching the
/// recorded noise against the show's own.
/// </summary>
public sealed record SwitcherView(double GapMs, double PositionErrorMs, long PrimaryLastSongFrame, long BackupFirstSongFrame, long PrimaryEndNs, long BackupStartNs)
{
    private const int MatchFrames = 4096;
    /// <summary>How far from its expected place a takeover's first frames are looked for: 200 ms either way.</summary>
    private const int TakeoverSearchFrames = 9600;
    /// <summary>How far apart two boxes in step are looked for: 20 ms either way.</summary>
    private const int LockstepSearchFrames = 960;

    /// <param name="primaryCutNs">When the primary stopped being heard at the latest: the moment it was killed, or long.MaxValue.</param>
    public static SwitcherView Measure(NoiseShow show, Recording primary, Recording backup, long primaryCutNs)
    {
        long primaryLast = primary.LastHeardBefore(primaryCutNs);
        if (primaryLast < MatchFrames) throw new InvalidDataException("the primary played too little to measure");
        long primaryFirstSound = primary.FirstSoundFrom(0);
        long primarySongFrame = Locate(show.Noise, primary.Samples, primaryLast - MatchFrames, primaryLast - MatchFrames - primaryFirstSound, TakeoverSearchFrames) + MatchFrames;
        long primaryEndNs = primary.HeardAt(primaryLast) + (long)(1e9 / NoiseShow.Rate);

        long backupFirst = backup.FirstSoundFrom(backup.FirstHeardAtOrAfter(primary.HeardAt(primaryLast) - 1_000_000_000L));
        // The backup's first sound must come after the primary's song started; skip anything before the takeover window.
        if (backupFirst < 0) throw new InvalidDataException("the backup never sounded");
        long backupHeardNs = backup.HeardAt(backupFirst);
        double expectedSongFrame = primarySongFrame + (backupHeardNs - primaryEndNs) * NoiseShow.Rate / 1e9;
        // Past the 3 ms fade, where the backup plays at full level.
        const int pastFade = 200;
        long backupSongFrame = Locate(show.Noise, backup.Samples, backupFirst + pastFade, (long)expectedSongFrame + pastFade, TakeoverSearchFrames) - pastFade;
        return new SwitcherView(
            GapMs: (backupHeardNs - primaryEndNs) / 1e6,
            PositionErrorMs: (backupSongFrame - expectedSongFrame) * 1000.0 / NoiseShow.Rate,
            PrimaryLastSongFrame: primarySongFrame,
            BackupFirstSongFrame: backupSongFrame,
            PrimaryEndNs: primaryEndNs,
            BackupStartNs: backupHeardNs);
    }

    /// <summary>
    /// How far the backup's speaker is from the primary's at CLOCK_MONOTONIC <paramref name="atNs"/>,
    /// in ms (positive: the backup is ahead), from both recordings (the backup feeding a switcher, so not muted).
    /// </summary>
    public static double OffsetMs(NoiseShow show, Recording primary, Recording backup, long atNs)
    {
        long p = primary.FirstHeardAtOrAfter(atNs), b = backup.FirstHeardAtOrAfter(atNs);
        long primarySongFrame = Locate(show.Noise, primary.Samples, p, p - primary.FirstSoundFrom(0), LockstepSearchFrames);
        double primaryAt = primarySongFrame + (atNs - primary.HeardAt(p)) * NoiseShow.Rate / 1e9;
        long backupSongFrame = Locate(show.Noise, backup.Samples, b, (long)primaryAt, LockstepSearchFrames);
        double backupAt = backupSongFrame + (atNs - backup.HeardAt(b)) * NoiseShow.Rate / 1e9;
        return (backupAt - primaryAt) * 1000 / NoiseShow.Rate;
    }

    /// <summary>The song frame that recorded frame <paramref name="at"/> plays, searched near <paramref name="guess"/>: the best match of the noise.</summary>
    private static long Locate(float[] noise, float[] recorded, long at, long guess, int search)
    {
        long best = -1;
        double bestScore = double.MinValue;
        for (long candidate = Math.Max(0, guess - search); candidate <= Math.Min(noise.Length - MatchFrames, guess + search); candidate++)
        {
            double score = 0;
            for (int i = 0; i < MatchFrames; i++) score += recorded[at + i] * noise[candidate + i];
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }
}
