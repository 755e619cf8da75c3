namespace StageBox.App.Commands;

/// <summary>
/// What a command has opened and not yet handed over: if anything fails on the way (the next
/// device, the show's preparation), disposing the scope closes all of it, the last opened first.
/// Once a session owns them, <see cref="HandOver"/> leaves them open.
/// </summary>
internal sealed class DisposalScope : IDisposable
{
    private readonly Stack<IDisposable> _held = new();

    public T Hold<T>(T resource) where T : IDisposable?
    {
        if (resource is not null) _held.Push(resource);
        return resource;
    }

    public void HandOver() => _held.Clear();

    public void Dispose()
    {
        while (_held.TryPop(out IDisposable? resource)) resource.Dispose();
    }
}
