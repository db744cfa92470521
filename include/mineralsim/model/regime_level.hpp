#pragma once
// Export-regime levels of a controlling exporter, from open trade to a full embargo.
namespace mineralsim::model {

enum RegimeLevel : int { kOpen = 0, kLicensed = 1, kRestricted = 2, kEmbargo = 3 };

inline constexpr const char* kRegimeLevelNames[] = {"OPEN", "LICENSED", "RESTRICTED", "EMBARGO"};

// Scheduled regime events (MODEL.md section 3, step 2).
enum class EventAction : int {
  kSetLevel = 0,  // argument: the level
  kPause = 1,     // argument: days; holds OPEN, then restores the interrupted level
  kResume = 2,    // ends a pause now
  kBan = 3,       // argument: importer barred from this regime's exports, whatever the level
  kUnban = 4,     // argument: importer allowed again
};

struct RegimeEvent {
  int day;
  int regime;
  EventAction action;
  int argument;
};

}  // namespace mineralsim::model
