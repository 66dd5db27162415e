using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ViT.Runtime.Tests.Samples;

/// <summary>
/// The sample run as a process, its output read line by line on a thread of its own, so that a test can act (send a
/// signal, start a second run) the moment a line shows the phase it wants, even with the thread pool busy.
/// </summary>
sealed class SampleProcess : IDisposable
{
    readonly Process _process;
    readonly StringBuilder _output = new();
    readonly Thread _reader;
    readonly List<(Func<string, bool> When, Action<SampleProcess> Act, TaskCompletionSource Done)> _triggers = [];

    public SampleProcess(params string[] args)
    {
        _process = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "ViT.Samples"), args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _process.ErrorDataReceived += (_, line) => { lock (_output) _output.AppendLine(line.Data); };
        _process.BeginErrorReadLine();
        _reader = new Thread(() =>
        {
            while (_process.StandardOutput.ReadLine() is { } line)
            {
                lock (_output) _output.AppendLine(line);
                lock (_triggers)
                {
                    foreach (var trigger in _triggers.Where(t => !t.Done.Task.IsCompleted && t.When(line)))
                    {
                        trigger.Act(this);
                        trigger.Done.TrySetResult();
                    }
                }
            }
        }) { IsBackground = true };
    }

    public int Id => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Acts once when a line of standard output satisfies <paramref name="when"/>; the task completes then.</summary>
    public Task On(Func<string, bool> when, Action<SampleProcess> act)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_triggers) _triggers.Add((when, act, done));
        return done.Task;
    }

    /// <summary>Starts reading; call after the triggers are set.</summary>
    public SampleProcess Read()
    {
        _reader.Start();
        return this;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (<c>-HUP</c>, <c>-INT</c>, <c>-KILL</c> or <c>-TERM</c>) at once, through libc's
    /// kill: starting the kill program forks this test host, which under a loaded full test run took long enough for the
    /// phase the test aimed at to end first.
    /// </summary>
    public void Signal(string signal)
    {
        int number = signal switch { "-HUP" => 1, "-INT" => 2, "-KILL" => 9, "-TERM" => 15, _ => throw new ArgumentException($"unknown signal {signal}", nameof(signal)) };
        if (Kill(_process.Id, number) != 0) throw new InvalidOperationException($"kill {signal} {_process.Id} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);

    /// <summary>Waits for the process to end; returns its exit code.</summary>
    public async Task<int> Exit(TimeSpan limit)
    {
        await _process.WaitForExitAsync().WaitAsync(limit);
        _reader.Join(TimeSpan.FromMinutes(1));
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
