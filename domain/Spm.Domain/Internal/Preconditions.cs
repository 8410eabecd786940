using System;
using System.Globalization;

namespace Spm.Domain.Internal
{
    /// <summary>Constructor checks that raise <see cref="SpmRuleException"/> naming the field and value.</summary>
    internal static class Preconditions
    {
        public static T NotNull<T>(T? value, string field)
            where T : class
            => value ?? throw new SpmRuleException(field, null, $"{field} is required.");

        public static string NotBlank(string? value, string field)
            => string.IsNullOrWhiteSpace(value)
                ? throw new SpmRuleException(field, value, $"{field} is required and cannot be blank.")
                : value!;

        public static decimal NotNegative(decimal value, string field)
            => value < 0m
                ? throw new SpmRuleException(field, value, $"{field} cannot be negative (got {Format(value)}).")
                : value;

        public static decimal Positive(decimal value, string field)
            => value <= 0m
                ? throw new SpmRuleException(field, value, $"{field} must be greater than zero (got {Format(value)}).")
                : value;

        public static decimal InRange(decimal value, decimal min, decimal max, string field)
            => value < min || value > max
                ? throw new SpmRuleException(field, value, $"{field} must be between {Format(min)} and {Format(max)} (got {Format(value)}).")
                : value;

        public static int InRange(int value, int min, int max, string field)
            => value < min || value > max
                ? throw new SpmRuleException(field, value, $"{field} must be between {min} and {max} (got {value}).")
                : value;

        /// <summary>Dates in the domain are calendar dates; a time of day would make period boundaries ambiguous.</summary>
        public static DateTime DateOnly(DateTime value, string field)
            => value.TimeOfDay != TimeSpan.Zero
                ? throw new SpmRuleException(field, value, $"{field} must be a date without a time of day (got {value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}).")
                : DateTime.SpecifyKind(value, DateTimeKind.Unspecified);

        public static void Require(bool condition, string field, object? value, string message)
        {
            if (!condition)
            {
                throw new SpmRuleException(field, value, message);
            }
        }

        internal static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
    }
}
