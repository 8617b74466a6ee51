// Linked with app/main.cpp into `ecalab_test_flows`: the real ecalab, plus the test-only flows,
// registered before main() runs. The shipped binary has no such hook.
#include "TestFlows.h"

namespace {
const bool g_registered = [] {
    ecalab::test::registerTestFlows();
    return true;
}();
} // namespace
