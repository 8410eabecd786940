namespace Spm.Dataverse.Metadata
{
    /// <summary>The statuscode values of a system job (asyncoperation), by its state: Ready, Suspended, Locked, Completed.</summary>
    public static class AsyncOperationStatus
    {
        public const int WaitingForResources = 0;
        public const int Waiting = 10;
        public const int InProgress = 20;
        public const int Pausing = 21;
        public const int Canceling = 22;
        public const int Succeeded = 30;
        public const int Failed = 31;
        public const int Canceled = 32;

        /// <summary>operationtype 1: a plug-in or webhook step run asynchronously after an event.</summary>
        public const int SystemEventOperationType = 1;

        /// <summary>statecode 3: the job has ended (Succeeded, Failed or Canceled).</summary>
        public const int CompletedState = 3;

        public static string Label(int status) => status switch
        {
            WaitingForResources => "Waiting For Resources",
            Waiting => "Waiting",
            InProgress => "In Progress",
            Pausing => "Pausing",
            Canceling => "Canceling",
            Succeeded => "Succeeded",
            Failed => "Failed",
            Canceled => "Canceled",
            _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
