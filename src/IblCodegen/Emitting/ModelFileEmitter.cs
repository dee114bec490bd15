using System;
using IblCodegen.Model;
using Microsoft.CodeAnalysis.Text;

namespace IblCodegen.Emitting;

/// <summary>
/// Emits one file of models: the types whose names start with the same letter, each followed by its JSON metadata.
/// </summary>
/// <remarks>
/// A file per type would be easier to browse, but the generator driver's bookkeeping costs about a microsecond per
/// output file on every run, edits elsewhere included: for the published spec's 1,074 types that was most of a
/// 1.4 ms incremental run. Grouping by initial letter keeps that to a few dozen files, and a schema edit still
/// re-emits only its letter's file.
/// </remarks>
internal static class ModelFileEmitter
{
    public static SourceText Emit(TypeGroupOutput group)
    {
        var writer = EmitHelpers.StartFile(group.Identity);
        var first = true;
        foreach (var output in group.Types)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            switch (output.Type)
            {
                case ObjectTypeSpec type:
                    ObjectEmitter.Write(writer, group.Identity, type, output.InheritedRequiredMembers);
                    break;
                case EnumTypeSpec type:
                    EnumEmitter.Write(writer, group.Identity, type);
                    break;
                default:
                    throw new NotSupportedException($"No emitter for {output.Type.GetType().Name}.");
            }
        }

        return writer.ToSourceText();
    }
}
