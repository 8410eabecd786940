using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>Turns a step's PluginTypeName into the plug-in instance that runs it.</summary>
    public interface IPluginTypeResolver
    {
        IPlugin Resolve(StepRegistration step);
    }

    /// <summary>
    /// Resolves plug-in types from an explicit map first, then by "Namespace.Type" among the given assemblies (all loaded
    /// assemblies when none are given), preferring the assembly the PluginTypeName names. The version and public key token are
    /// ignored: the box runs the net10.0 build of the plug-in assembly, not the signed net462 one.
    /// Constructors are tried as the platform does: (unsecure, secure configuration), (unsecure configuration), then none.
    /// </summary>
    public sealed class PluginTypeResolver : IPluginTypeResolver
    {
        private readonly Dictionary<string, Func<StepRegistration, IPlugin>> _map = new Dictionary<string, Func<StepRegistration, IPlugin>>(StringComparer.Ordinal);
        private readonly IReadOnlyList<Assembly>? _assemblies;

        /// <summary>Scans <paramref name="assemblies"/>, or every loaded assembly when none are given.</summary>
        public PluginTypeResolver(params Assembly[] assemblies)
        {
            _assemblies = assemblies is { Length: > 0 } ? assemblies : null;
        }

        /// <summary>Maps "Namespace.Type" to a factory (the step is passed for its configuration).</summary>
        public PluginTypeResolver Map(string pluginTypeFullName, Func<StepRegistration, IPlugin> factory)
        {
            ArgumentNullException.ThrowIfNull(factory);
            _map[pluginTypeFullName] = factory;
            return this;
        }

        /// <summary>Maps "Namespace.Type" to an instance.</summary>
        public PluginTypeResolver Map(string pluginTypeFullName, IPlugin plugin) => Map(pluginTypeFullName, _ => plugin);

        public IPlugin Resolve(StepRegistration step)
        {
            ArgumentNullException.ThrowIfNull(step);
            string fullName = step.PluginTypeFullName;
            if (_map.TryGetValue(fullName, out Func<StepRegistration, IPlugin>? factory))
            {
                return factory(step);
            }

            IEnumerable<Assembly> assemblies = _assemblies ?? AppDomain.CurrentDomain.GetAssemblies();
            Type? type = assemblies
                .OrderByDescending(a => string.Equals(a.GetName().Name, step.PluginAssemblyName, StringComparison.OrdinalIgnoreCase))
                .Select(a => SafeGetType(a, fullName))
                .FirstOrDefault(t => t is not null);

            if (type is null)
            {
                throw new StepRegistrationException("step " + step.Name, "PluginTypeName",
                    $"no loaded assembly defines plug-in type '{fullName}' (assembly {step.PluginAssemblyName}).");
            }

            if (!typeof(IPlugin).IsAssignableFrom(type) || type.IsAbstract)
            {
                throw new StepRegistrationException("step " + step.Name, "PluginTypeName", $"'{fullName}' is not a concrete IPlugin.");
            }

            return Instantiate(type, step);
        }

        private static Type? SafeGetType(Assembly assembly, string fullName)
        {
            try
            {
                return assembly.GetType(fullName, throwOnError: false);
            }
            catch (BadImageFormatException)
            {
                return null;
            }
        }

        private static IPlugin Instantiate(Type type, StepRegistration step)
        {
            ConstructorInfo? twoStrings = type.GetConstructor(new[] { typeof(string), typeof(string) });
            if (twoStrings is not null)
            {
                return (IPlugin)twoStrings.Invoke(new object?[] { step.Configuration, null });
            }

            ConstructorInfo? oneString = type.GetConstructor(new[] { typeof(string) });
            if (oneString is not null)
            {
                return (IPlugin)oneString.Invoke(new object?[] { step.Configuration });
            }

            ConstructorInfo? none = type.GetConstructor(Type.EmptyTypes);
            if (none is not null)
            {
                return (IPlugin)none.Invoke(null);
            }

            throw new StepRegistrationException("step " + step.Name, "PluginTypeName",
                $"'{type.FullName}' has no public constructor taking (string, string), (string) or nothing.");
        }
    }
}
