using StageBox.Control.Views;

namespace StageBox.App.Services;

/// <summary>
/// What services post for the status line, read by the box state. Today the import's progress or
/// failure; each change replaces the alerts whole, so a reader sees one consistent set.
/// </summary>
internal sealed class AlertBoard
{
    private readonly Lock _lock = new();
    private volatile ImportProgress? _import;

    public ImportProgress? Import => _import;

    public void Post(ImportProgress? import)
    {
        lock (_lock) _import = import;
    }

    /// <summary>Takes <paramref name="alert"/> off the status line, unless another has replaced it.</summary>
    public void Clear(ImportProgress alert)
    {
        lock (_lock)
            if (ReferenceEquals(_import, alert)) _import = null;
    }

    /// <summary>Takes a failure of <paramref name="source"/> off (its stick was pulled); any other alert stays.</summary>
    public void ClearFailureOf(string source)
    {
        lock (_lock)
            if (_import is { Failed: true } failed && failed.Source == source) _import = null;
    }
}
