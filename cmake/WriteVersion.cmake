# Writes version.hpp with the git revision and tree state. Runs at every build (target
# mineralsim_version), so results files never carry a stale revision; the header is replaced only
# when its content changes, so nothing recompiles otherwise.
# Inputs: SOURCE_DIR, OUTPUT, VERSION.
set(MINERALSIM_GIT_REVISION "unknown")
set(MINERALSIM_GIT_DIRTY "unknown")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse HEAD WORKING_DIRECTORY ${SOURCE_DIR}
                  OUTPUT_VARIABLE revision OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET
                  RESULT_VARIABLE git_result)
  if(git_result EQUAL 0)
    set(MINERALSIM_GIT_REVISION "${revision}")
    execute_process(COMMAND ${GIT_EXECUTABLE} status --porcelain --untracked-files=no
                    WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE git_status ERROR_QUIET)
    if(git_status STREQUAL "")
      set(MINERALSIM_GIT_DIRTY "clean")
    else()
      set(MINERALSIM_GIT_DIRTY "dirty")
    endif()
  endif()
endif()
set(PROJECT_VERSION "${VERSION}")
configure_file(${SOURCE_DIR}/cmake/version.hpp.in ${OUTPUT}.new @ONLY)
file(COPY_FILE ${OUTPUT}.new ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.new)
