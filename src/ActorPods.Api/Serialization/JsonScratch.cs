using System.Buffers;
using System.Text.Json;

namespace ActorPods.Api.Serialization;

/// <summary>
/// Serialises with <see cref="KubeJson.Options"/> into one reused buffer: the bytes SerializeToUtf8Bytes gives, without
/// a new array when they are only compared. One per actor (not thread-safe); a span is valid until the next call.
/// </summary>
public sealed class JsonScratch
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    /// <param name="options">The writer's options; by default those SerializeToUtf8Bytes derives from
    /// <see cref="KubeJson.Options"/> (JsonSerializerOptions.GetWriterOptions).</param>
    public JsonScratch(JsonWriterOptions? options = null) =>
        _writer = new Utf8JsonWriter(_buffer, options ?? new JsonWriterOptions
        {
            Encoder = KubeJson.Options.Encoder,
            Indented = KubeJson.Options.WriteIndented,
            SkipValidation = true,
        });

    public ReadOnlySpan<byte> Serialize<T>(T value) => Write(value, static (w, v) => JsonSerializer.Serialize(w, v, KubeJson.Options));

    /// <summary><paramref name="value"/> serialised as <paramref name="type"/> (a member's declared type).</summary>
    public ReadOnlySpan<byte> Serialize(object value, Type type) =>
        Write((value, type), static (w, s) => JsonSerializer.Serialize(w, s.value, s.type, KubeJson.Options));

    /// <summary>Whatever <paramref name="write"/> writes about <paramref name="state"/>, with the serializer's writer options.</summary>
    public ReadOnlySpan<byte> Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        write(_writer, state);
        _writer.Flush();
        return _buffer.WrittenSpan;
    }
}
