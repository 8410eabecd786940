using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>The columns a query returns: the listed <see cref="Columns"/>, or every column when <see cref="AllColumns"/>.</summary>
    public sealed class ColumnSet : IExtensibleDataObject
    {
        public ColumnSet()
        {
            Columns = new DataCollection<string>();
        }

        public ColumnSet(bool allColumns)
            : this()
        {
            AllColumns = allColumns;
        }

        public ColumnSet(params string[] columns)
            : this()
        {
            if (columns != null)
            {
                Columns.AddRange(columns);
            }
        }

        public bool AllColumns { get; set; }

        public DataCollection<string> Columns { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public void AddColumn(string column)
        {
            Columns.Add(column);
        }

        public void AddColumns(params string[] columns)
        {
            Columns.AddRange(columns);
        }
    }
}
