using System.Diagnostics;
using StageBox.Show.Import;
using Xunit.Abstractions;

namespace StageBox.Tests.Show.Fuzz;

/// <summary>
/// A thousand spoilt sticks through the import validator: every one gives a plan, either
/// importable and sane or refused with errors that say what and where; none crashes or hangs it.
/// </summary>
public sealed class ImportValidatorFuzzTests(ITestOutputHelper output) : IDisposable
{
    public const int Cases = 1_000;

    private readonly StickFolder _stick = new();

    public void Dispose() => _stick.Dispose();

    [Fact]
    public void The_sound_stick_can_be_imported()
    {
        _stick.Hold(Stick.Sound.Value);

        ImportPlan plan = ImportValidator.Validate(_stick.Root, FuzzCorpus.Outputs);

        Assert.True(plan.CanImport, string.Join("\n", plan.Errors));
        LoadChecks.Plan(plan, FuzzCorpus.Outputs, () => "the sound stick");
    }

    [Fact]
    public async Task Spoilt_sticks_give_a_sane_plan_or_errors_with_what_and_where_never_a_crash_or_a_hang()
    {
        int seed = FuzzSettings.Seed;
        output.WriteLine(FuzzSettings.Announce(seed));
        var clock = Stopwatch.StartNew();
        var tally = new FuzzTally();
        foreach (int index in FuzzSettings.Indexes(Cases))
        {
            StickCase stickCase = StickCases.Make(seed, index);
            string describe() => stickCase.ToString();
            _stick.Hold(stickCase.Stick);
            FuzzSettings.Trace(stickCase);

            Measured<ImportPlan> plan = await CaseRunner.Run(() => ImportValidator.Validate(_stick.Root, FuzzCorpus.Outputs), describe);

            LoadChecks.Plan(plan.Value, FuzzCorpus.Outputs, describe);
            tally.Add(stickCase, plan.Value.CanImport, plan.Value.Errors.Count, plan.Elapsed, plan.AllocatedBytes);
        }
        output.WriteLine($"seed {seed}: {tally} in {clock.Elapsed.TotalSeconds:F1} s");
        tally.CheckBothOutcomesSeen();
    }
}
