using System.Globalization;
using System.Reflection;

namespace Xrm.Sdk.Facade.Tests.Conformance;

/// <summary>
/// Renders reflected types and members in the two forms the reference files use:
/// C# documentation IDs (as in *.public.txt) and api lines (as in *-api.txt, which also carry return types,
/// parameter names, modifiers and property accessors). <paramref name="aliases"/> renames types (full name),
/// which lets a test present a deliberately wrong decoy type as if it were an official one.
/// </summary>
internal sealed class SignatureRenderer(IReadOnlyDictionary<Type, string>? aliases = null)
{
    private const BindingFlags DeclaredMembers =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private readonly IReadOnlyDictionary<Type, string> _aliases = aliases ?? new Dictionary<Type, string>();

    public static SignatureRenderer Default { get; } = new();

    // ----- which members count -----

    /// <summary>Public and protected (including protected internal) members declared by <paramref name="type"/>.</summary>
    public static IEnumerable<MemberInfo> VisibleMembers(Type type)
    {
        foreach (MemberInfo member in type.GetMembers(DeclaredMembers))
        {
            bool visible = member switch
            {
                MethodBase method => IsVisible(method) && (!method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal) || method is ConstructorInfo),
                PropertyInfo property => VisibleAccessors(property).Any(),
                FieldInfo field => !field.IsSpecialName && (field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly),
                EventInfo @event => @event.AddMethod is { } add && IsVisible(add),
                _ => false, // nested types are checked as types of their own
            };
            if (visible)
            {
                yield return member;
            }
        }
    }

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static IEnumerable<(string Name, MethodInfo Method)> VisibleAccessors(PropertyInfo property)
    {
        if (property.GetMethod is { } get && IsVisible(get))
        {
            yield return ("get", get);
        }

        if (property.SetMethod is { } set && IsVisible(set))
        {
            yield return ("set", set);
        }
    }

    // ----- names -----

    /// <summary>Full documentation name of a type definition: "Namespace.Name`n" (nested types joined with '.').</summary>
    public string TypeName(Type type)
    {
        if (_aliases.TryGetValue(type, out string? alias))
        {
            return alias;
        }

        return type.IsNested ? $"{TypeName(type.DeclaringType!)}.{type.Name}" : $"{type.Namespace}.{type.Name}";
    }

    private static string WithoutArity(string name)
    {
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    private string SimpleName(Type type) => WithoutArity(TypeName(type)[(TypeName(type).LastIndexOf('.') + 1)..]);

    // ----- documentation IDs -----

    public string DocumentationId(Type type) => "T:" + TypeName(type);

    public string DocumentationId(MemberInfo member)
    {
        string owner = TypeName(member.DeclaringType!);
        switch (member)
        {
            case ConstructorInfo constructor:
                return $"M:{owner}.{(constructor.IsStatic ? "#cctor" : "#ctor")}{IdParameters(constructor.GetParameters())}";
            case MethodInfo method:
                string arity = method.IsGenericMethodDefinition ? $"``{method.GetGenericArguments().Length}" : string.Empty;
                string conversion = method.Name is "op_Implicit" or "op_Explicit" ? "~" + IdType(method.ReturnType) : string.Empty;
                return $"M:{owner}.{method.Name}{arity}{IdParameters(method.GetParameters())}{conversion}";
            case PropertyInfo property:
                return $"P:{owner}.{property.Name}{IdParameters(property.GetIndexParameters())}";
            case FieldInfo field:
                return $"F:{owner}.{field.Name}";
            case EventInfo @event:
                return $"E:{owner}.{@event.Name}";
            default:
                throw new NotSupportedException(member.GetType().Name);
        }
    }

    private string IdParameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? string.Empty : "(" + string.Join(",", parameters.Select(p => IdType(p.ParameterType))) + ")";

    /// <summary>A type as written inside a documentation ID: `n / ``n for generic parameters, {} for arguments, @ for by-ref.</summary>
    public string IdType(Type type)
    {
        if (type.IsByRef)
        {
            return IdType(type.GetElementType()!) + "@";
        }

        if (type.IsPointer)
        {
            return IdType(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            int rank = type.GetArrayRank();
            string dimensions = rank == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]";
            return IdType(type.GetElementType()!) + dimensions;
        }

        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition.ToString(CultureInfo.InvariantCulture);
        }

        if (type.IsGenericType)
        {
            string definition = WithoutArity(TypeName(type.GetGenericTypeDefinition()));
            return definition + "{" + string.Join(",", type.GetGenericArguments().Select(IdType)) + "}";
        }

        return TypeName(type);
    }

    // ----- api lines -----

    /// <summary>A type as written in *-api.txt: "System.Nullable&lt;System.Guid&gt;", "T", "System.Object[]".</summary>
    public string ApiType(Type type)
    {
        if (type.IsByRef || type.IsPointer)
        {
            return ApiType(type.GetElementType()!) + (type.IsPointer ? "*" : string.Empty);
        }

        if (type.IsArray)
        {
            return ApiType(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsGenericType)
        {
            string definition = WithoutArity(TypeName(type.GetGenericTypeDefinition()));
            return definition + "<" + string.Join(", ", type.GetGenericArguments().Select(ApiType)) + ">";
        }

        return TypeName(type);
    }

    /// <summary>The declaring line of a type without attributes, in *-api.txt form.</summary>
    public string ApiHeader(Type type)
    {
        string bases = string.Join(", ", ApiBases(type));
        return $"{TypeAccess(type)}{TypeModifiers(type)} {TypeKind(type)} {ApiTypeDefinition(type)}{(bases.Length == 0 ? string.Empty : " : " + bases)}";
    }

    public string ApiTypeDefinition(Type type) =>
        type.IsGenericTypeDefinition
            ? WithoutArity(TypeName(type)) + "<" + string.Join(", ", type.GetGenericArguments().Select(a => a.Name)) + ">"
            : TypeName(type);

    public static string TypeAccess(Type type) =>
        type.IsPublic || type.IsNestedPublic ? "public"
        : type.IsNestedFamily || type.IsNestedFamORAssem ? "protected"
        : type.IsNestedPrivate ? "private"
        : "internal";

    public static string TypeModifiers(Type type)
    {
        if (!type.IsClass || type.IsSubclassOf(typeof(Delegate)))
        {
            return string.Empty;
        }

        return (type.IsAbstract, type.IsSealed) switch
        {
            (true, true) => " static",
            (true, false) => " abstract",
            (false, true) => " sealed",
            _ => string.Empty,
        };
    }

    public static string TypeKind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : "class";

    /// <summary>The base class (unless System.Object) and the interfaces the type itself adds.</summary>
    public IEnumerable<string> ApiBases(Type type)
    {
        if (type.IsClass && type.BaseType is { } baseType && baseType != typeof(object))
        {
            yield return ApiType(baseType);
        }

        if (type.IsEnum)
        {
            yield break;
        }

        Type[] inherited = type.BaseType?.GetInterfaces() ?? [];
        foreach (Type @interface in type.GetInterfaces().Where(i => !inherited.Contains(i)))
        {
            yield return ApiType(@interface);
        }
    }

    /// <summary>The member line without attributes, in *-api.txt form.</summary>
    public string ApiLine(MemberInfo member)
    {
        Type owner = member.DeclaringType!;
        switch (member)
        {
            case ConstructorInfo constructor:
                return $"ctor {Access(constructor)} {SimpleName(owner)}({ApiParameters(constructor.GetParameters())})";

            case MethodInfo method:
            {
                var words = new List<string> { "method", Access(method) };
                if (method.IsStatic)
                {
                    words.Add("static");
                }

                if (!owner.IsInterface)
                {
                    if (method.IsAbstract)
                    {
                        words.Add("abstract");
                    }
                    else if (method.IsVirtual && IsOverride(method))
                    {
                        words.Add(method.IsFinal ? "sealed override" : "override");
                    }
                    else if (method.IsVirtual && !method.IsFinal)
                    {
                        words.Add("virtual");
                    }
                }

                string generics = method.IsGenericMethodDefinition
                    ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">"
                    : string.Empty;
                words.Add(ApiType(method.ReturnType));
                words.Add($"{method.Name}{generics}({ApiParameters(method.GetParameters())})");
                return string.Join(" ", words);
            }

            case PropertyInfo property:
            {
                var accessors = VisibleAccessors(property).ToList();
                string access = accessors.Select(a => Access(a.Method)).OrderBy(AccessRank).First();
                MethodInfo representative = accessors[0].Method;
                var words = new List<string> { "property", access };
                if (representative.IsStatic)
                {
                    words.Add("static");
                }

                if (!owner.IsInterface)
                {
                    // *-api.txt writes both virtual and override properties as "virtual".
                    if (representative.IsAbstract)
                    {
                        words.Add("abstract");
                    }
                    else if (representative.IsVirtual && !representative.IsFinal)
                    {
                        words.Add("virtual");
                    }
                }

                ParameterInfo[] index = property.GetIndexParameters();
                words.Add(ApiType(property.PropertyType));
                words.Add(index.Length == 0 ? property.Name : $"this[{ApiParameters(index)}]");
                string accessorText = string.Join(" ", accessors.Select(a =>
                {
                    string accessorAccess = Access(a.Method);
                    return accessorAccess == access ? $"{a.Name};" : $"{accessorAccess} {a.Name};";
                }));
                words.Add("{ " + accessorText + " }");
                return string.Join(" ", words);
            }

            case FieldInfo field when owner.IsEnum:
                return $"{field.Name} = {Convert.ToString(field.GetRawConstantValue(), CultureInfo.InvariantCulture)}";

            case FieldInfo field:
            {
                var words = new List<string> { "field", field.IsPublic ? "public" : field.IsFamilyOrAssembly ? "protected internal" : "protected" };
                if (field.IsLiteral)
                {
                    words.Add("const");
                }
                else
                {
                    if (field.IsStatic)
                    {
                        words.Add("static");
                    }

                    if (field.IsInitOnly)
                    {
                        words.Add("readonly");
                    }
                }

                words.Add(ApiType(field.FieldType));
                words.Add(field.Name);
                if (field.IsLiteral)
                {
                    words.Add("= " + Literal(field.GetRawConstantValue()));
                }

                return string.Join(" ", words);
            }

            case EventInfo @event:
                return $"event {Access(@event.AddMethod!)} {ApiType(@event.EventHandlerType!)} {@event.Name}";

            default:
                throw new NotSupportedException(member.GetType().Name);
        }
    }

    private static bool IsOverride(MethodInfo method) => method.GetBaseDefinition().DeclaringType != method.DeclaringType;

    private static string Access(MethodBase method) =>
        method.IsPublic ? "public" : method.IsFamilyOrAssembly ? "protected internal" : method.IsFamily ? "protected" : "internal";

    private static int AccessRank(string access) => access switch
    {
        "public" => 0,
        "protected internal" => 1,
        "protected" => 2,
        _ => 3,
    };

    private string ApiParameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(ApiParameter));

    private string ApiParameter(ParameterInfo parameter)
    {
        string prefix = parameter.IsDefined(typeof(ParamArrayAttribute), false)
            ? "params "
            : parameter.ParameterType.IsByRef ? (parameter.IsOut ? "out " : "ref ") : string.Empty;
        string text = $"{prefix}{ApiType(parameter.ParameterType)} {parameter.Name}";
        return parameter.HasDefaultValue ? $"{text} = {Literal(parameter.DefaultValue)}" : text;
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };
}
