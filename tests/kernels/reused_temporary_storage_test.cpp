// The device runner's temporary storage for Thrust (kernels/reused_temporary_storage.hpp): blocks
// are handed out again instead of allocated on every call, and never to two users at once.
#include <gtest/gtest.h>

#if defined(MINERALSIM_HAVE_THRUST)
#include <thrust/reduce.h>
#include <thrust/system/omp/execution_policy.h>
#include <thrust/system/omp/vector.h>

#include <vector>

#include "reused_temporary_storage.hpp"
#endif

namespace mineralsim::testing {
namespace {

#if defined(MINERALSIM_HAVE_THRUST)

using Storage = kernels::ReusedTemporaryStorage<thrust::omp::vector>;

TEST(ReusedTemporaryStorage, AReturnedBlockIsLentAgainAndALentOneIsNot) {
  Storage storage;
  char* first = storage.allocate(1000);
  storage.deallocate(first, 1000);
  EXPECT_EQ(storage.allocate(600), first);  // fits in the returned block
  char* second = storage.allocate(600);     // the first is lent: a new block
  EXPECT_NE(second, first);
  storage.deallocate(first, 600);
  char* larger = storage.allocate(5000);  // no block is large enough: a new one
  EXPECT_NE(larger, first);
  EXPECT_NE(larger, second);
  EXPECT_EQ(storage.blocks(), 3u);
}

TEST(ReusedTemporaryStorage, ThrustAlgorithmsCalledAgainAllocateNothingMore) {
  Storage storage;
  const std::vector<int> keys = {1, 1, 2, 2, 2, 3}, values = {1, 2, 3, 4, 5, 6};
  std::vector<int> unique_keys(keys.size()), sums(keys.size());
  std::size_t after_first_call = 0;
  for (int call = 0; call < 3; ++call) {
    const auto ends = thrust::reduce_by_key(thrust::omp::par(storage), keys.begin(), keys.end(),
                                            values.begin(), unique_keys.begin(), sums.begin());
    ASSERT_EQ(ends.second - sums.begin(), 3);
    EXPECT_EQ(sums[1], 12);
    if (call == 0) after_first_call = storage.blocks();
  }
  EXPECT_GT(after_first_call, 0u);  // reduce_by_key takes temporary storage from it
  EXPECT_EQ(storage.blocks(), after_first_call);
}

#else

TEST(ReusedTemporaryStorage, AReturnedBlockIsLentAgainAndALentOneIsNot) {
  GTEST_SKIP() << "no Thrust (CCCL) headers were found when the build was configured";
}

#endif

}  // namespace
}  // namespace mineralsim::testing
