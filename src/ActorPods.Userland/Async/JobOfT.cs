using System.Runtime.CompilerServices;

namespace ActorPods.Userland.Async;

/// <summary>
/// The userland's own awaitable. We do not use Task/ValueTask because their continuations
/// honour SynchronizationContext/TaskScheduler and may hop to the thread pool (xunit installs
/// a context; deep stacks make Task defer): a simulation must resume exactly when a host timer
/// fires, on that same call stack. A Job that finishes synchronously allocates nothing, which
/// keeps exec probes cheap. Inside this project <c>Job</c> means <c>Job&lt;int&gt;</c> (an exit status).
/// </summary>
[AsyncMethodBuilder(typeof(JobBuilder<>))]
public readonly struct Job<T>
{
    private readonly Promise<T>? _promise;
    private readonly T _result;

    public Job(T result) { _result = result; _promise = null; }
    public Job(Promise<T> promise) { _promise = promise; _result = default!; }

    public static Job<T> FromResult(T result) => new(result);

    public bool IsCompleted => _promise is null || _promise.IsCompleted;
    public T Result => _promise is null ? _result : _promise.GetResult();

    /// <summary>Calls <paramref name="onDone"/> with the result now or when it completes.</summary>
    public void OnDone(Action<T> onDone)
    {
        if (_promise is null) { onDone(_result); return; }
        var p = _promise;
        p.OnCompleted(() => onDone(p.GetResult()));
    }

    public Awaiter GetAwaiter() => new(this);

    public readonly struct Awaiter : ICriticalNotifyCompletion
    {
        private readonly Job<T> _job;
        public Awaiter(Job<T> job) => _job = job;
        public bool IsCompleted => _job.IsCompleted;
        public T GetResult() => _job.Result;
        public void OnCompleted(Action continuation) => _job._promise!.OnCompleted(continuation);
        public void UnsafeOnCompleted(Action continuation) => _job._promise!.OnCompleted(continuation);
    }
}

/// <summary>
/// A single-assignment result with its continuations, completed by whoever owns it (a timer
/// callback, a process exit). Continuations run inline in <see cref="TrySetResult"/>.
/// </summary>
public class Promise<T>
{
    private Action? _continuation;
    private T _result = default!;
    private Exception? _error;
    private bool _completed;

    public bool IsCompleted => _completed;

    public Job<T> Job => new(this);

    public T GetResult()
    {
        if (!_completed) throw new InvalidOperationException("Job has not completed.");
        if (_error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
        return _result;
    }

    public void SetResult(T result)
    {
        if (!TrySetResult(result)) throw new InvalidOperationException("Promise already completed.");
    }

    /// <summary>Completes unless already completed; the continuation runs inline, now.</summary>
    public bool TrySetResult(T result)
    {
        if (_completed) return false;
        _result = result;
        _completed = true;
        Run();
        return true;
    }

    public void SetException(Exception error)
    {
        if (_completed) throw new InvalidOperationException("Promise already completed.", error);
        _error = error;
        _completed = true;
        Run();
    }

    public void OnCompleted(Action continuation)
    {
        if (_completed) { continuation(); return; }
        _continuation = _continuation is null ? continuation : _continuation + continuation;
    }

    private void Run()
    {
        var c = _continuation;
        _continuation = null;
        c?.Invoke();
    }
}

public struct JobBuilder<T>
{
    private Promise<T>? _promise;
    private T _result;

    public static JobBuilder<T> Create() => default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
        => stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine) { }

    public void SetResult(T result)
    {
        if (_promise is null) _result = result;
        else _promise.SetResult(result);
    }

    public void SetException(Exception exception)
    {
        _promise ??= new Promise<T>();
        _promise.SetException(exception);
    }

    public Job<T> Task => _promise is null ? new Job<T>(_result) : new Job<T>(_promise);

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine
        => awaiter.OnCompleted(GetMoveNext(ref stateMachine));

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine
        => awaiter.UnsafeOnCompleted(GetMoveNext(ref stateMachine));

    private Action GetMoveNext<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        if (_promise is Box<TStateMachine> existing) return existing.MoveNextAction;
        var box = new Box<TStateMachine>();
        _promise = box;
        box.StateMachine = stateMachine;
        return box.MoveNextAction;
    }

    private sealed class Box<TStateMachine> : Promise<T> where TStateMachine : IAsyncStateMachine
    {
        public TStateMachine StateMachine = default!;
        public readonly Action MoveNextAction;
        public Box() => MoveNextAction = () => StateMachine.MoveNext();
    }
}
