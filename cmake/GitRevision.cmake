# Records the git revision and whether the tree was dirty at configure time.
find_package(Git QUIET)
set(MINERALSIM_GIT_REVISION "unknown")
set(MINERALSIM_GIT_DIRTY "unknown")
if(GIT_FOUND AND EXISTS "${CMAKE_SOURCE_DIR}/.git")
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse HEAD WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                  OUTPUT_VARIABLE MINERALSIM_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET RESULT_VARIABLE git_result)
  if(NOT git_result EQUAL 0)
    set(MINERALSIM_GIT_REVISION "unknown")
  endif()
  execute_process(COMMAND ${GIT_EXECUTABLE} status --porcelain --untracked-files=no
                  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} OUTPUT_VARIABLE git_status ERROR_QUIET)
  if(git_status STREQUAL "")
    set(MINERALSIM_GIT_DIRTY "clean")
  else()
    set(MINERALSIM_GIT_DIRTY "dirty")
  endif()
endif()
configure_file(${CMAKE_SOURCE_DIR}/cmake/version.hpp.in
               ${CMAKE_BINARY_DIR}/generated/mineralsim/version.hpp @ONLY)
