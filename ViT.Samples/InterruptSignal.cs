using System.Runtime.InteropServices;

namespace ViT.Samples;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation that the trainer honours after the step in progress,
/// saving a resumable checkpoint; a second one ends the process at once, as usual.
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    readonly CancellationTokenSource _source = new();
    readonly PosixSignalRegistration[] _registrations;

    public InterruptSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];

        void OnSignal(PosixSignalContext signal)
        {
            if (_source.IsCancellationRequested) return; // the second signal: let the default handling end the process
            signal.Cancel = true;
            Console.WriteLine();
            Console.WriteLine("Stopping after this step and saving a checkpoint (press Ctrl+C again to quit at once) ...");
            _source.Cancel();
        }
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
