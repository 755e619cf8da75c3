using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StageBox.Benchmarks;

/// <summary>
/// How many times faster than real time one operation runs, for benchmarks whose operation
/// renders a known span of audio: the audio's duration over the mean time.
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
    public string Legend => "audio duration rendered per second of one core's time (mean)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNs is > 0 ? $"{audioSecondsPerOperation * 1e9 / meanNs.Value:N0}x" : "n/a";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
