using System.Linq;
using System.Text;
using Platform.CodeGenerator.Models;

namespace Platform.CodeGenerator;

/// <summary>
/// A method's id on the wire: the 32-bit FNV-1a hash of its declaring interface, name and parameter types, fixed at
/// compile time so that silos and clients built from the same interfaces agree without exchanging metadata. Inherited
/// methods keep the id of the interface that declares them, whichever proxy sends them.
/// </summary>
internal static class MethodIds
{
    public static uint Compute(MethodModel method)
    {
        var signature = Signature(method);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(signature))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        // Zero marks the runtime's own turns, which never cross the wire.
        return hash == 0 ? 1u : hash;
    }

    /// <summary>The method as hashed and as error messages name it: declaring interface, name, parameter types.</summary>
    public static string Signature(MethodModel method) =>
        method.DeclaringInterface.Replace("global::", string.Empty) + "." + method.Name
        + "(" + string.Join(",", method.Parameters.Select(p => p.Type.Replace("global::", string.Empty))) + ")";

    public static string Literal(uint id) => "0x" + id.ToString("X8", System.Globalization.CultureInfo.InvariantCulture) + "u";
}
