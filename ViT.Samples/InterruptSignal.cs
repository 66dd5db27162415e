using System.Runtime.InteropServices;

namespace ViT.Samples;

/// <summary>
/// Turns the first SIGINT (Ctrl+C), SIGTERM or SIGHUP (the terminal closed) into a cancellation that every phase of the
/// run honours at its next step, batch or file (training saves a resumable checkpoint; a file being written is finished,
/// never torn); a second signal ends the process at once. Either way the exit code is 128 + the signal's number, as a
/// shell reports a process the signal ended.
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    readonly CancellationTokenSource _source = new();
    readonly PosixSignalRegistration[] _registrations;

    public InterruptSignal()
    {
        // .NET runs SIGINT's and SIGTERM's handlers on a thread of their own but SIGHUP's on the thread pool, so a pool
        // whose threads are all busy (decoding pictures, prefetching batches) would hold a closed terminal's SIGHUP
        // back: keep threads to spare.
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + 4), completionPorts);
        Unblock(1, 2, 15);
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal),
        ];

        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            if (_source.IsCancellationRequested)
            {
                Console.WriteLine($"{Name(signal.Signal)} again: quitting at once; every file already written is complete.");
                // Not Environment.Exit: it tears the runtime down under libtorch's running threads (a segmentation fault).
                ExitNow(ExitCodeOf(signal.Signal));
            }
            ExitCode = ExitCodeOf(signal.Signal);
            _source.Cancel(); // before writing: a console write can wait on a full pipe
            Console.WriteLine();
            Console.WriteLine($"{Name(signal.Signal)}: stopping after the step or file in progress, saving a checkpoint when training (send it again to quit at once) ...");
        }
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>128 + the number of the signal that stopped the run.</summary>
    public int ExitCode { get; private set; } = TutorialRun.InterruptedExitCode;

    [DllImport("libc", EntryPoint = "_exit")]
    static extern void ExitNow(int status);

    /// <summary>
    /// Unblocks the signals handled here on this thread (and so on the threads it starts): a launcher that blocked them
    /// hands the block on through exec, and a blocked SIGHUP would wait, pending, until the run had ended (seen in CI).
    /// </summary>
    static void Unblock(params int[] signals)
    {
        if (!OperatingSystem.IsLinux()) return;
        var set = new ulong[16]; // glibc's sigset_t: 1,024 bits
        foreach (int signal in signals) set[(signal - 1) / 64] |= 1UL << ((signal - 1) % 64);
        const int SigUnblock = 1;
        _ = pthread_sigmask(SigUnblock, set, IntPtr.Zero);
    }

    [DllImport("libc", EntryPoint = "pthread_sigmask")]
    static extern int pthread_sigmask(int how, ulong[] set, IntPtr oldSet);

    static int ExitCodeOf(PosixSignal signal) => 128 + signal switch { PosixSignal.SIGHUP => 1, PosixSignal.SIGINT => 2, _ => 15 };

    static string Name(PosixSignal signal) => signal switch { PosixSignal.SIGHUP => "SIGHUP", PosixSignal.SIGINT => "Ctrl+C (SIGINT)", _ => "SIGTERM" };

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
