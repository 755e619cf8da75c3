using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StageBox.Benchmarks;

/// <summary>
/// How many times faster than real time one operation runs, for benchmarks whose operation
/// renders a known span of audio: the audio's duration over the median time (the machine is shared: the median resists outliers).
/// </summary>
public sealed class RealTimeFactorColumn(double audioSecondsPerOperation) : IColumn
{
    public string Id => nameof(RealTimeFactorColumn);
    public string ColumnName => "x real time";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "audio duration rendered per second of one core's time (from the median)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
        return medianNs is > 0 ? $"{audioSecondsPerOperation * 1e9 / medianNs.Value:N0}x" : "n/a";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
