package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Outage accounting: what a closed outage adds, the zero-length and rto rules, the cause a drop is
 * blamed on when several blocking events happen at one instant, where user-hours go, and the
 * recovery of a scenario's service. Every expected value is exact.
 */
class OutageAccountingTest {
  private static final int FORCED = ScenarioForcing.FORCED;

  private static final String TWO =
      """
      name: two
      sites:
        a: {fault: {rate: 1/y, outage: "fixed(1h)"}}
        b: {fault: {rate: 1/y, outage: "fixed(1h)"}}
      services:
        sa: {deploy: {a: 1}, rto: 1h}
        sab: {demand: 2, deploy: {a: 1, b: 1}}
      """;

  private final Plan p;
  private final OutageAccounting acc;
  private final List<String> logged = new ArrayList<>();
  private final int sa;
  private final int sab;
  private final int faultA;
  private final int faultB;

  OutageAccountingTest() throws Exception {
    p = KernelSemanticsTest.plan(TWO, 1000);
    acc = new OutageAccounting(p);
    acc.setLog(
        (trial, service, cause, start, end, userHours) ->
            logged.add(
                trial
                    + " "
                    + p.serviceNames[service]
                    + " "
                    + p.causeNames[cause]
                    + " "
                    + start
                    + " "
                    + end
                    + " "
                    + userHours));
    acc.startTrial(4);
    acc.startSweep(true);
    sa = KernelSemanticsTest.service(p, "sa");
    sab = KernelSemanticsTest.service(p, "sab");
    faultA = KernelSemanticsTest.cause(p, "fault@a");
    faultB = KernelSemanticsTest.cause(p, "fault@b");
  }

  /** Served fractions of sa and sab, indexed by service. */
  private double[] served(double ofSa, double ofSab) {
    double[] v = new double[p.services];
    v[sa] = ofSa;
    v[sab] = ofSab;
    return v;
  }

  private int k(int service, int cause) {
    return service * p.causes() + cause;
  }

  /** A queue whose current instant t applied blocking events at the given (site, cause) pairs. */
  private EventQueue blockedAt(double t, int... siteCause) {
    EventQueue q = new EventQueue();
    for (int i = 0; i < siteCause.length; i += 2) {
      q.add(t, siteCause[i], EventQueue.BLOCK_START, siteCause[i + 1], 0);
    }
    q.sort();
    CapacityState state =
        new CapacityState(
            p,
            new IntervalBuffer[] {new IntervalBuffer(), new IntervalBuffer()},
            new StreamKeys(1L));
    q.applyDue(t, state);
    return q;
  }

  @Test
  void closeOutage_addsDowntimeCountLongestAndItsCauseSums() {
    acc.openOutage(sa, 1, faultA);
    acc.closeOutage(sa, 3);
    acc.openOutage(sa, 10, faultA);
    acc.closeOutage(sa, 10.5);
    assertEquals(2.5, acc.downtime[sa]);
    assertEquals(2, acc.outages[sa]);
    assertEquals(2, acc.longest[sa]);
    assertEquals(2, acc.causeOutages[k(sa, faultA)]);
    assertEquals(2.5, acc.causeDowntime[k(sa, faultA)]);
    assertEquals(List.of("4 sa fault@a 1.0 3.0 0.0", "4 sa fault@a 10.0 10.5 0.0"), logged);
  }

  @Test
  void closeOutage_atTheInstantItOpened_isNoOutage() {
    acc.openOutage(sa, 5, faultA);
    acc.closeOutage(sa, 5);
    assertEquals(0, acc.outages[sa]);
    assertEquals(0, acc.downtime[sa]);
    assertFalse(acc.inOutage(sa));
    assertEquals(List.of(), logged);
  }

  @Test
  void rtoBreach_anOutageOfExactlyTheRto_doesNotBreach_aLongerOneDoes() {
    // An outage of 0.7 h + 0.3 h from t: end − start comes out 1.0000000000000018, an
    // ulp-sized rounding above the rto, which must not breach it.
    double t = 15.449999999999962;
    double end = t + 0.7 + 0.3;
    assertEquals(1.0000000000000018, end - t);
    acc.openOutage(sa, t, faultA);
    acc.closeOutage(sa, end);
    assertFalse(acc.rtoBreach[sa], "1 h outage up to rounding, rto 1 h");
    acc.openOutage(sa, 800, faultA);
    acc.closeOutage(sa, 801.001);
    assertTrue(acc.rtoBreach[sa], "1.001 h outage, rto 1 h");
  }

  @Test
  void dropCause_blockingEventsAtOneInstant_theFirstThatTouchesTheService() {
    EventQueue q = blockedAt(5, 1, faultB, 0, faultA);
    assertEquals(faultB, acc.dropCause(sab, 5, q), "sab: b's event came first");
    assertEquals(faultA, acc.dropCause(sa, 5, q), "sa: b's event does not touch it");
  }

  @Test
  void dropCause_theForcedEvent_outranksAnEarlierOne() {
    EventQueue q = blockedAt(5, 0, faultB, 1, faultA | FORCED);
    assertEquals(faultA | FORCED, acc.dropCause(sab, 5, q));
  }

  @Test
  void dropCause_noEventTouchesTheService_baselineAtZero_noDropLater() {
    EventQueue q = blockedAt(0, 1, faultB);
    assertEquals(p.causeBaseline, acc.dropCause(sa, 0, q), "at t = 0: short from the start");
    q = blockedAt(5, 1, faultB);
    assertEquals(-1, acc.dropCause(sa, 5, q), "later: rounding, not a drop");
  }

  @Test
  void atInstant_dropOpensAnOutage_userHoursGoToItsCause_andBackAboveTheSloClosesIt() {
    double[] servedEnd = served(1, 1);
    acc.addUserHours(sa, 10);
    assertEquals(10, acc.causeUserHours[k(sa, p.causeBaseline)], "before any drop: baseline");
    atInstant(acc, 2, served(0, 1), servedEnd, blockedAt(2, 0, faultA));
    assertTrue(acc.inOutage(sa));
    acc.addUserHours(sa, 5);
    assertEquals(15, acc.userHours[sa]);
    assertEquals(5, acc.causeUserHours[k(sa, faultA)]);
    atInstant(acc, 4, served(1, 1), servedEnd, blockedAt(4));
    assertFalse(acc.inOutage(sa));
    assertEquals(List.of("4 sa fault@a 2.0 4.0 5.0"), logged);
  }

  @Test
  void finish_forcedOutageStillOpenAtTheHorizon_isNotRecovered_andRecoversAtTheHorizon() {
    acc.openOutage(sa, 0, faultA | FORCED);
    acc.openOutage(sab, 0, faultA | FORCED);
    acc.closeOutage(sab, 10);
    acc.finish(1000);
    assertFalse(acc.recovered[sa]);
    assertTrue(acc.recovered[sab]);
    assertEquals(1000, acc.recoverHours[sa]);
    assertEquals(10, acc.recoverHours[sab]);
    assertTrue(acc.affected[sa]);
    assertTrue(acc.affected[sab]);
    assertEquals(1000, acc.downtime[sa]);
    assertEquals(10, acc.downtime[sab]);
  }

  /** Instant t for both services, as the sweep calls it for each service an instant cuts. */
  private static void atInstant(
      OutageAccounting acc, double t, double[] served, double[] servedEnd, EventQueue events) {
    for (int a = 0; a < served.length; a++) {
      acc.atInstant(a, t, served[a], servedEnd[a], events);
    }
  }
}
