package io.firedrill.model;

import java.util.Objects;

/**
 * Where a service's data lives and how it is copied (docs/simulation.md, "Data loss"): the primary
 * copy at a site or zone, optionally a replica kept by replication (synchronous: lag 0; or
 * asynchronous, a fixed lag behind) and optionally backups taken every interval to another site or
 * zone. A loss of the primary (a failover away from it, or its hardware destroyed) loses the writes
 * newer than the latest surviving copy: the recovery point objective (RPO) is measured against that
 * age.
 *
 * @param primary the site or zone of the primary copy
 * @param replica the site or zone of the replica, or null for none
 * @param lagHours the replica's replication lag, hours ≥ 0: 0 is synchronous replication (the
 *     replica has every write), more is asynchronous (0 without a replica)
 * @param backup the site or zone that holds the backups, or null for none
 * @param backupIntervalHours hours between two backups, &gt; 0 (NaN without backups)
 */
public record Data(
    String primary, String replica, double lagHours, String backup, double backupIntervalHours) {
  public Data {
    Objects.requireNonNull(primary, "primary");
    if (!(lagHours >= 0) || !Double.isFinite(lagHours)) {
      throw new IllegalArgumentException("lag is negative or not finite: " + lagHours);
    }
    if (backup != null && !(backupIntervalHours > 0 && Double.isFinite(backupIntervalHours))) {
      throw new IllegalArgumentException(
          "backup interval is not strictly positive: " + backupIntervalHours);
    }
  }
}
