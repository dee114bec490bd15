using IblCodegen.Emitting;

namespace IblCodegen.Tests;

/// <summary>
/// The writer every emitter goes through: interpolated lines written in place must read exactly as the same text
/// written as a string, and the chunked text it hands the compiler must read back whole across chunk boundaries.
/// </summary>
public sealed class SourceWriterTests
{
    [Fact]
    public void An_interpolated_line_is_indented_like_the_same_text_written_as_a_string()
    {
        var name = "Item";
        var body = "first\r\nsecond\n\nthird";
        var interpolated = new SourceWriter();
        var plain = new SourceWriter();
        foreach (var writer in new[] { interpolated, plain })
        {
            writer.OpenBlock();
            writer.Indentation++;
        }

        interpolated.WriteLine($"class {name} // {42}\r\n{body}\r\r\n  x\r y");
        plain.WriteLine("class Item // 42\r\nfirst\r\nsecond\n\nthird\r\r\n  x\r y");
        foreach (var writer in new[] { interpolated, plain })
        {
            writer.Indentation--;
            writer.CloseBlock(";");
        }

        var expected = "{\n        class Item // 42\n        first\n        second\n\n        third\n          x\r y\n};\n";
        Assert.Equal(expected, plain.ToSourceText().ToString());
        Assert.Equal(expected, interpolated.ToSourceText().ToString());
    }

    [Fact]
    public void A_text_longer_than_a_chunk_reads_back_whole_by_index_copy_and_span()
    {
        var writer = new SourceWriter();
        var expected = new System.Text.StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            writer.WriteLine($"line {i}");
            expected.Append("line ").Append(i).Append('\n');
        }

        var text = writer.ToSourceText();
        var whole = expected.ToString();
        Assert.Equal(whole.Length, text.Length);
        Assert.Equal(whole, text.ToString());
        Assert.Equal(System.Text.Encoding.UTF8, text.Encoding);

        // Reads that start, end and cross at chunk boundaries (8,192 characters).
        foreach (var (start, length) in new[] { (0, 8192), (8191, 2), (8192, 8192), (8000, 20000), (whole.Length - 3, 3) })
        {
            Assert.Equal(whole.Substring(start, length), text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(start, length)));
            Assert.Equal(whole[start], text[start]);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => text[whole.Length]);
        Assert.Throws<ArgumentOutOfRangeException>(() => text.CopyTo(whole.Length - 1, new char[2], 0, 2));
    }

    [Fact]
    public void Unbalanced_indentation_is_an_error_not_a_file()
    {
        var writer = new SourceWriter();
        writer.OpenBlock();
        Assert.Throws<InvalidOperationException>(() => writer.ToSourceText());
    }
}
