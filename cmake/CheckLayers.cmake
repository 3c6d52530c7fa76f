# The layering check: every #include "..." in src/ must point down or sideways within its own
# layer, never up (docs/ARCHITECTURE.md, "Layers"). Run by CTest as the `layering` test:
#   cmake -DSOURCE_DIR=<repo>/src -P cmake/CheckLayers.cmake
# Prints each wrong include with its file and line and fails when there is one.
#
# A layer is a folder of src/; the table says which folders a layer's files may include. The
# longest matching folder decides a file's layer (client/session before client).

if(NOT SOURCE_DIR)
    message(FATAL_ERROR "CheckLayers: pass -DSOURCE_DIR=<repo>/src")
endif()

cmake_minimum_required(VERSION 3.20)
get_filename_component(SOURCE_DIR "${SOURCE_DIR}" ABSOLUTE)
set(layers common models services commands server p2p client/terminal client/session client/app)
set(allowed_common common)
set(allowed_models common models)
set(allowed_services common models services)
set(allowed_commands common models services commands)
set(allowed_server common models services commands server)
set(allowed_p2p common p2p)
set(allowed_client/terminal common client/terminal)
set(allowed_client/session common client/terminal client/session)
set(allowed_client/app common client/terminal client/session client/app p2p)

# The layer of a path relative to src/ ("server/net/Session.h" -> "server"), or "" if none.
function(layer_of path out)
    set(best "")
    foreach(layer ${layers})
        string(LENGTH "${layer}/" length)
        string(SUBSTRING "${path}" 0 ${length} prefix)
        string(LENGTH "${best}" best_length)
        if(prefix STREQUAL "${layer}/" AND length GREATER best_length)
            set(best ${layer})
        endif()
    endforeach()
    set(${out} "${best}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/*.h" "${SOURCE_DIR}/*.cpp")
set(violations 0)
set(checked 0)
foreach(source ${sources})
    layer_of("${source}" layer)
    if(layer STREQUAL "")
        message(SEND_ERROR "${source}: in no layer; add its folder to cmake/CheckLayers.cmake")
        math(EXPR violations "${violations} + 1")
        continue()
    endif()
    file(STRINGS "${SOURCE_DIR}/${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    file(STRINGS "${SOURCE_DIR}/${source}" all_lines)
    foreach(line ${lines})
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" target "${line}")
        math(EXPR checked "${checked} + 1")
        layer_of("${target}" target_layer)
        if(target_layer STREQUAL "")
            message(SEND_ERROR "${source}: includes \"${target}\", which is not rooted at a "
                               "layer folder of src/ (write includes from src/)")
            math(EXPR violations "${violations} + 1")
        elseif(NOT target_layer IN_LIST allowed_${layer})
            list(FIND all_lines "${line}" index)
            math(EXPR line_number "${index} + 1")
            message(SEND_ERROR "${source}:${line_number}: layer '${layer}' must not include "
                               "'${target}' (layer '${target_layer}'); it may include: "
                               "${allowed_${layer}}")
            math(EXPR violations "${violations} + 1")
        endif()
    endforeach()
endforeach()

list(LENGTH sources file_count)
if(violations GREATER 0)
    message(FATAL_ERROR "layering: ${violations} wrong include(s) in ${file_count} files")
endif()
message(STATUS "layering: ${checked} includes in ${file_count} files point down")
