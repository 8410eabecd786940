#!/usr/bin/env bash
# Checks the MSBuild WIRING of -p:XrmSdk=Official, NOT the real Microsoft SDK.
#
# Microsoft.CrmSdk.CoreAssemblies cannot be restored on this machine, so this script builds a stand-in for it from the
# facade's own sources: a package with the same id and version (9.0.2.56), only lib/net462, holding two assemblies named
# and versioned like the real ones (Microsoft.Xrm.Sdk 9.0.0.0 and Microsoft.Crm.Sdk.Proxy 9.0.0.0, the
# Microsoft.Crm.Sdk.Messages types in the second). It then builds the whole solution with -p:XrmSdk=Official, restoring
# from that package, and checks that no built project still references the facade.
#
# What a green run proves: every project that shares Xrm types switches together, the package reference restores for
# net462 and net10.0 without NU1701 failing the build, and the code compiles against an SDK split into the two official
# assemblies. What it does not prove: anything about the real assemblies' contents, signatures beyond the facade's
# checked subset, or how they load on net10.0. On a machine that can restore the real package, run instead:
#     dotnet build SpmAddin.sln -c Release -p:XrmSdk=Official
#
# Isolation: everything happens in a temporary folder, including a copy of the working tree and a throwaway
# NUGET_PACKAGES folder, so the fake never enters ~/.nuget/packages or this tree's bin/ and obj/. The user's package
# folder is only read (as a NuGet fallback folder) to avoid downloading the other packages again.
# Not part of .ci/run: CI builds the facade.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
started=$(date +%s)

work="$(mktemp -d "${TMPDIR:-/tmp}/spm-official-sdk.XXXXXX")"
if [ "${KEEP_WORK:-}" != "1" ]; then trap 'rm -rf "$work"' EXIT; fi
feed="$work/feed"; standin="$work/standin"; src="$work/src"
mkdir -p "$feed" "$standin" "$src"
export NUGET_PACKAGES="$work/packages"

user_packages="${HOME}/.nuget/packages"
fallback=""
if [ -d "$user_packages" ] && [ ! -d "$user_packages/microsoft.crmsdk.coreassemblies" ]; then
  # Read-only reuse of what is already downloaded; skipped if a real copy there could shadow the stand-in.
  fallback="<fallbackPackageFolders><clear /><add key=\"user\" value=\"$user_packages\" /></fallbackPackageFolders>"
fi

# The stand-in feed serves only the stand-in; every other package comes from the sources already configured here.
upstream=""; mapping=""; n=0
while read -r state url; do
  [ "$state" = "E" ] || continue
  n=$((n + 1))
  upstream+="<add key=\"upstream$n\" value=\"$url\" />"
  mapping+="<packageSource key=\"upstream$n\"><package pattern=\"*\" /></packageSource>"
done < <(dotnet nuget list source --format short)
nuget_config="<?xml version=\"1.0\" encoding=\"utf-8\"?>
<configuration>
  <packageSources><clear /><add key=\"standin\" value=\"$feed\" />$upstream</packageSources>
  <packageSourceMapping>
    <packageSource key=\"standin\"><package pattern=\"Microsoft.CrmSdk.CoreAssemblies\" /></packageSource>$mapping
  </packageSourceMapping>
  $fallback
</configuration>"
printf '%s\n' "$nuget_config" >"$work/NuGet.Config"

# 1. The two stand-in assemblies, from the facade's sources, net462, strong-named with the suite's key.
facade="$repo/plugins/Microsoft.Xrm.Sdk.Facade"
standin_project() { # name, compile items, extra items
  mkdir -p "$standin/$1"
  cat >"$standin/$1/$1.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net462</TargetFramework>
    <AssemblyName>$1</AssemblyName>
    <AssemblyVersion>9.0.0.0</AssemblyVersion>
    <FileVersion>9.2.49.11611</FileVersion>
    <LangVersion>latest</LangVersion>
    <Nullable>disable</Nullable>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <SignAssembly>true</SignAssembly>
    <AssemblyOriginatorKeyFile>$repo/build/SpmAddin.snk</AssemblyOriginatorKeyFile>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
  <ItemGroup>
    $2
    <PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies" Version="1.0.3" PrivateAssets="all" />
    $3
  </ItemGroup>
</Project>
EOF
}
standin_project Microsoft.Xrm.Sdk \
  "<Compile Include=\"$facade/Sdk/**/*.cs;$facade/Query/**/*.cs;$facade/Messages/**/*.cs;$facade/Client/**/*.cs\" />" ""
standin_project Microsoft.Crm.Sdk.Proxy \
  "<Compile Include=\"$facade/Crm/**/*.cs;$facade/Sdk/ParameterAccess.cs\" />" \
  "<ProjectReference Include=\"../Microsoft.Xrm.Sdk/Microsoft.Xrm.Sdk.csproj\" />"

# 2. The package: same id and version as the real one, only lib/net462, no dependencies.
mkdir -p "$standin/package"
cat >"$standin/package/package.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net462</TargetFramework>
    <PackageId>Microsoft.CrmSdk.CoreAssemblies</PackageId>
    <Version>9.0.2.56</Version>
    <Authors>SpmAddin stand-in</Authors>
    <Description>NOT Microsoft's package: a stand-in built from the SpmAddin facade to check build wiring.</Description>
    <IncludeBuildOutput>false</IncludeBuildOutput>
    <NoWarn>\$(NoWarn);NU5128</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies" Version="1.0.3" PrivateAssets="all" />
    <None Include="../Microsoft.Crm.Sdk.Proxy/bin/Release/net462/Microsoft.Xrm.Sdk.dll" Pack="true" PackagePath="lib/net462/" />
    <None Include="../Microsoft.Crm.Sdk.Proxy/bin/Release/net462/Microsoft.Crm.Sdk.Proxy.dll" Pack="true" PackagePath="lib/net462/" />
  </ItemGroup>
</Project>
EOF
cp "$work/NuGet.Config" "$standin/NuGet.Config"
echo "== stand-in package"
dotnet build "$standin/Microsoft.Crm.Sdk.Proxy" -c Release -nologo -v quiet >"$work/standin.log" 2>&1 || { cat "$work/standin.log"; exit 1; }
dotnet pack "$standin/package" -c Release -o "$feed" -nologo -v quiet >>"$work/standin.log" 2>&1 || { cat "$work/standin.log"; exit 1; }
unzip -l "$feed/Microsoft.CrmSdk.CoreAssemblies.9.0.2.56.nupkg" | grep -E "lib/" | awk '{print "   " $4}'

# 3. The working tree (tracked and new files, as they are now) in a folder of its own, with the stand-in feed.
echo "== copy of the working tree"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf -) | tar -xf - -C "$src"
cp "$work/NuGet.Config" "$src/NuGet.Config"

# 4. The solution against the stand-in.
echo "== dotnet build SpmAddin.sln -c Release -p:XrmSdk=Official"
if ! (cd "$src" && dotnet build SpmAddin.sln -c Release -p:XrmSdk=Official -nologo -v minimal) >"$work/build.log" 2>&1; then
  grep -E "error|warn" "$work/build.log" | sort -u | head -50
  echo "FAILED: the solution does not build with -p:XrmSdk=Official against the stand-in"
  exit 1
fi
grep -E "warning" "$work/build.log" | sort -u | head -20 || true

# 5. Every project switched: each resolved the (stand-in) package from the throwaway folder, none kept the facade.
problems=0
while IFS= read -r assets; do
  project="$(basename "$(dirname "$(dirname "$assets")")")"
  [ "$project" = "Microsoft.Xrm.Sdk.Facade" ] && continue
  if grep -q '"Microsoft.Xrm.Sdk.Facade/' "$assets"; then
    echo "   $project still references the facade"; problems=$((problems + 1))
  elif grep -q '"Microsoft.CrmSdk.CoreAssemblies/9.0.2.56"' "$assets"; then
    echo "   $project: Microsoft.CrmSdk.CoreAssemblies 9.0.2.56"
  fi
done < <(find "$src" -path '*/obj/project.assets.json' | sort)
if find "$src" -path '*/bin/*' -name 'Spm.Xrm.Sdk.Facade.dll' -not -path '*/Microsoft.Xrm.Sdk.Facade/*' | grep -q .; then
  echo "   a build output outside the facade project carries Spm.Xrm.Sdk.Facade.dll"; problems=$((problems + 1))
fi
for dll in "$src/plugins/Spm.Plugins/bin/Release/net462/Microsoft.Xrm.Sdk.dll" "$src/plugins/Spm.Plugins/bin/Release/net462/Microsoft.Crm.Sdk.Proxy.dll"; do
  [ -f "$dll" ] || { echo "   missing $(basename "$dll") next to the net462 plug-in"; problems=$((problems + 1)); }
done
[ -d "$NUGET_PACKAGES/microsoft.crmsdk.coreassemblies/9.0.2.56" ] || { echo "   the stand-in was not restored into the throwaway package folder"; problems=$((problems + 1)); }
[ -d "$user_packages/microsoft.crmsdk.coreassemblies" ] && [ -z "$fallback" ] && echo "   note: $user_packages holds a copy of the package; it was not used"

elapsed=$(( $(date +%s) - started ))
if [ "$problems" -ne 0 ]; then
  echo "FAILED: $problems problem(s); wiring checked against a stand-in, not the real SDK (${elapsed}s)"
  exit 1
fi
echo "OK: SpmAddin.sln builds with -p:XrmSdk=Official against a STAND-IN of Microsoft.CrmSdk.CoreAssemblies 9.0.2.56 (wiring only, not the real SDK) in ${elapsed}s"
