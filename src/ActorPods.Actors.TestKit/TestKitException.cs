using Xunit.Sdk;

namespace ActorPods.Actors.TestKit;

/// <summary>A failed expectation; an xunit failure so it reads like an assertion.</summary>
public sealed class TestKitException(string message) : XunitException(message);
