using System.Runtime.CompilerServices;

namespace IblCodegen;

/// <summary>How the JIT compiles the generator's hottest methods.</summary>
internal static class Compile
{
    /// <summary>
    /// <c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name (runtimes that know it
    /// honour it): the method is compiled optimized on its first call.
    /// </summary>
    /// <remarks>
    /// The generator runs once in a compiler process that JIT-compiles new code all through the build, and the
    /// runtime holds back re-compiling hot methods until it is quiet; so without this a method runs its whole life
    /// as unoptimized first-tier code. Used only on methods that run per character or line of the spec or of the
    /// output, where the dearer compilation pays on a large spec. On the published spec, cold: the YAML read went from
    /// 131–142 ms to 96–109 ms, and the emit stage from 199–221 ms to 188–197 ms; a small spec pays 15–20 ms more.
    /// </remarks>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
