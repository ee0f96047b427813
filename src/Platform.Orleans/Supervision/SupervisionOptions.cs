namespace Platform.Orleans.Supervision;

/// <summary>Silo-wide settings of grain supervision; bind with <c>services.Configure&lt;SupervisionOptions&gt;(...)</c>.</summary>
public sealed class SupervisionOptions
{
    /// <summary>How long a grain stopped by <see cref="SupervisionDirective.Stop"/> refuses calls.</summary>
    public TimeSpan StopDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a grain type past its restart intensity refuses calls on the silo.</summary>
    public TimeSpan QuarantineCoolDown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Restart intensity of grain classes without <see cref="RestartIntensityAttribute"/>: restarts allowed per window.</summary>
    public int DefaultMaxRestarts { get; set; } = 10;

    /// <summary>Restart intensity of grain classes without <see cref="RestartIntensityAttribute"/>: the window.</summary>
    public TimeSpan DefaultRestartWindow { get; set; } = TimeSpan.FromSeconds(60);
}
