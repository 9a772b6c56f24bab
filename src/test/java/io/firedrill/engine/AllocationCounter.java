package io.firedrill.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/** The JVM's count of the bytes each thread allocates, for the tests that nothing is allocated. */
public final class AllocationCounter {
  private AllocationCounter() {}

  /**
   * The thread allocation counter (com.sun.management.ThreadMXBean); the calling test is skipped
   * (not failed) on a JVM that cannot count allocations.
   */
  public static com.sun.management.ThreadMXBean get() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "JVM cannot count allocations");
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
    return mx;
  }
}
