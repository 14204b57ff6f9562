using System.Runtime.ExceptionServices;

namespace SsNotebook.Fuzz;

/// <summary>What one input did to a target.</summary>
public enum Outcome
{
    Accepted,
    Rejected,
    Finding,
    Hang,
}

/// <summary>
/// Runs a target's inputs on one worker thread (default stack size, as a notebook kernel's threads have) with a
/// time bound per input. A hung input cannot be stopped in .NET: <see cref="Outcome.Hang"/> leaves the worker
/// stuck, so the caller reports and stops.
/// </summary>
public sealed class BoundedRunner : IDisposable
{
    private readonly FuzzTarget _target;
    private readonly SemaphoreSlim _start = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private byte[] _input = [];
    private Outcome _outcome;
    private Exception? _exception;
    private bool _stopping;

    public BoundedRunner(FuzzTarget target)
    {
        _target = target;
        var worker = new Thread(Work) { IsBackground = true, Name = $"fuzz {target.Name}" };
        worker.Start();
    }

    /// <summary>The exception of the last <see cref="Outcome.Rejected"/> or <see cref="Outcome.Finding"/>.</summary>
    public Exception? LastException => _exception;

    public Outcome Run(byte[] input, TimeSpan limit)
    {
        _input = input;
        _start.Release();
        return _done.Wait(limit) ? _outcome : Outcome.Hang;
    }

    private void Work()
    {
        while (true)
        {
            _start.Wait();
            if (_stopping)
            {
                return;
            }
            _exception = null;
            try
            {
                _target.Run(_input);
                _outcome = Outcome.Accepted;
            }
#pragma warning disable CA1031 // Every exception is classified: a rejection or a finding.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _exception = exception;
                _outcome = _target.IsRejection(exception) ? Outcome.Rejected : Outcome.Finding;
            }
            _done.Release();
        }
    }

    /// <summary>Rethrows a finding with its original stack (for the repro command).</summary>
    public void ThrowLast()
    {
        if (_exception is not null)
        {
            ExceptionDispatchInfo.Capture(_exception).Throw();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _start.Release();
    }
}
