using System.Text;

namespace PrivacyLedger.Storage;

/// <summary>A compact stored form for one state type, used by <see cref="CodecGrainStateSerializer"/> in place of JSON.</summary>
public interface IGrainStateCodec
{
    Type StateType { get; }

    /// <summary>
    /// The first byte of every payload the codec writes: a control character below 0x09, which no JSON text (and so
    /// no row stored before the codec) starts with.
    /// </summary>
    byte Format { get; }

    /// <summary>Whether a payload starting with <paramref name="format"/> is this codec's: its format, or an earlier one it still reads.</summary>
    bool Reads(byte format) => format == Format;
}

/// <summary>
/// Writes and reads <typeparamref name="T"/> in a compact binary form that starts with <see cref="Format"/>. A state the
/// form cannot hold exactly (<see cref="StateNotHeldException"/>, or a text that is not valid UTF-16) is stored as JSON.
/// </summary>
public abstract class GrainStateCodec<T> : IGrainStateCodec
{
    public Type StateType => typeof(T);

    public abstract byte Format { get; }

    /// <summary>The earlier formats this codec still reads (<see cref="ReadEarlier"/>); every write is in <see cref="Format"/>.</summary>
    protected virtual IReadOnlyCollection<byte> EarlierFormats => [];

    public bool Reads(byte format) => format == Format || EarlierFormats.Contains(format);

    /// <summary>The stored form, or null when it cannot hold this state exactly.</summary>
    public byte[]? TryEncode(T state)
    {
        using var writer = new StateWriter(Format);
        try
        {
            Write(writer, state);
        }
        catch (Exception exception) when (exception is StateNotHeldException or EncoderFallbackException)
        {
            return null;
        }
        return writer.ToArray();
    }

    /// <exception cref="InvalidDataException">The payload is not a well-formed stored form.</exception>
    public T Decode(ReadOnlySpan<byte> payload)
    {
        var format = !payload.IsEmpty && EarlierFormats.Contains(payload[0]) ? payload[0] : Format;
        var reader = new StateReader(payload, format);
        var state = format == Format ? Read(ref reader) : ReadEarlier(ref reader, format);
        reader.EnsureEnd();
        return state;
    }

    protected abstract void Write(StateWriter writer, T state);

    protected abstract T Read(ref StateReader reader);

    /// <summary>Reads a payload in one of <see cref="EarlierFormats"/>.</summary>
    protected virtual T ReadEarlier(ref StateReader reader, byte format) => throw new InvalidDataException($"Stored state format {format} is not read by this version.");
}

/// <summary>Thrown by a codec's writer for a state its compact form cannot hold exactly (a null where the form has no null).</summary>
public sealed class StateNotHeldException() : Exception("The state cannot be held in its compact form.");
