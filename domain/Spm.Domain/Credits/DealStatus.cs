namespace Spm.Domain.Credits
{
    /// <summary>An opportunity's state as SPM sees it (Dataverse statecode Open/Won/Lost).</summary>
    public enum DealStatus
    {
        Open = 0,
        Won = 1,
        Lost = 2,
    }
}
