using System.Linq;
using Platform.CodeGenerator.Models;

namespace Platform.CodeGenerator;

/// <summary>Emits the expression that constructs a grain from the activation's services and context.</summary>
internal static class ActivatorEmitter
{
    public static string NewExpression(GrainModel grain, string services, string context)
    {
        var arguments = grain.Arguments.Select(argument => argument.Kind switch
        {
            ActivatorArgumentKind.GrainContext => context,
            ActivatorArgumentKind.PersistentState =>
                "global::Platform.Persistence.PersistentStateActivator.Create<" + argument.Type + ">(" + services + ", " + context + ", "
                + Naming.Literal(argument.StateName) + ", " + Naming.Literal(argument.StorageName) + ")",
            _ => "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<"
                + argument.Type + ">(" + services + ")",
        });

        return "new " + grain.TypeName + "(" + string.Join(", ", arguments) + ")";
    }
}
