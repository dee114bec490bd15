using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Generated text, held in fixed-size chunks and handed to the compiler as a <see cref="SourceText"/> over those
/// same chunks.
/// </summary>
/// <remarks>
/// A large spec's client and model files are up to a million characters each. Built in a StringBuilder and turned
/// into a string, each was written twice, the second time as one string on the large object heap. Chunks of 16 KB
/// are written once, stay off that heap, and the compiler reads them where they are.
/// </remarks>
internal sealed class ChunkedText
{
    private const int ChunkShift = 13;
    private const int ChunkSize = 1 << ChunkShift;

    private readonly List<char[]> _chunks = new();
    private char[] _current = new char[ChunkSize];
    private int _used;

    public int Length => (_chunks.Count * ChunkSize) + _used;

    [MethodImpl(Compile.Optimized)]
    public void Append(string text, int start, int count)
    {
        while (count > 0)
        {
            var room = ChunkSize - _used;
            if (room == 0)
            {
                NextChunk();
                room = ChunkSize;
            }

            var length = Math.Min(room, count);
            text.CopyTo(start, _current, _used, length);
            _used += length;
            start += length;
            count -= length;
        }
    }

    [MethodImpl(Compile.Optimized)]
    public void Append(char c)
    {
        if (_used == ChunkSize)
        {
            NextChunk();
        }

        _current[_used++] = c;
    }

    /// <summary>The text written so far, as a source text the compiler can parse; the chunks are shared, not copied.</summary>
    public SourceText ToSourceText()
    {
        var chunks = new char[_chunks.Count + 1][];
        _chunks.CopyTo(chunks);
        chunks[_chunks.Count] = _current;
        return new ChunkedSourceText(chunks, Length);
    }

    [MethodImpl(Compile.Optimized)]
    private void NextChunk()
    {
        _chunks.Add(_current);
        _current = new char[ChunkSize];
        _used = 0;
    }

    private sealed class ChunkedSourceText(char[][] chunks, int length) : SourceText
    {
        // UTF-8 as SourceText.From(string, Encoding.UTF8) has it, so the checksum is the one a string would get.
        public override Encoding Encoding => Encoding.UTF8;

        public override int Length => length;

        public override char this[int position] =>
            (uint)position < (uint)length
                ? chunks[position >> ChunkShift][position & (ChunkSize - 1)]
                : throw new ArgumentOutOfRangeException(nameof(position));

        public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count)
        {
            if (sourceIndex < 0 || count < 0 || sourceIndex > length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(sourceIndex));
            }

            while (count > 0)
            {
                var offset = sourceIndex & (ChunkSize - 1);
                var run = Math.Min(ChunkSize - offset, count);
                Array.Copy(chunks[sourceIndex >> ChunkShift], offset, destination, destinationIndex, run);
                sourceIndex += run;
                destinationIndex += run;
                count -= run;
            }
        }
    }
}
