-- Wireshark dissector for the quicidl wire protocol, version 1 (SPEC.md in the repository root).
--
-- QUIC hands the decrypted stream data of every connection that negotiated ALPN "quicidl/1" to
-- this dissector; it splits the data into frames (SPEC.md §2), reassembles frames that span
-- several QUIC packets, and decodes each frame's payload (§3). Decryption needs the TLS secrets:
--
--   tshark -X lua_script:tools/wireshark/quicidl.lua -o tls.keylog_file:keys.log -r capture.pcapng
--
-- Display filters: quicidl, quicidl.frame.type == 1, quicidl.call.method, quicidl.status.code ...
-- Tested with Wireshark 4.0 (Lua 5.2). It uses no bit operators, so the Lua 5.4 of newer
-- versions runs it too.

local quicidl = Proto("quicidl", "quicidl wire protocol v1")

local ALPN = "quicidl/1"

-- SPEC.md §2
local FRAME = {
    CALL = 0x01, MESSAGE = 0x02, STATUS = 0x03, RESPONSE_HEADER = 0x04, HEADERS = 0x05,
    SETTINGS = 0x06, GOAWAY = 0x07, DRAINED = 0x08, STREAM_STOPPED = 0x09, PING = 0x0a, PONG = 0x0b,
}
local FRAME_NAMES = {}
for name, value in pairs(FRAME) do
    FRAME_NAMES[value] = name
end

-- SPEC.md §4.1, the application error codes of RESET_STREAM, STOP_SENDING, CONNECTION_CLOSE.
local ERROR_CODE_NAMES = {
    [0x00] = "NO_ERROR", [0x01] = "CANCELLED", [0x02] = "STALE", [0x03] = "DEADLINE_EXCEEDED",
    [0x04] = "RESOURCE_EXHAUSTED", [0x05] = "PROTOCOL_ERROR", [0x06] = "REFUSED", [0x07] = "INTERNAL",
    [0x08] = "FAILED", [0x09] = "SHUTDOWN", [0x0a] = "UNRESPONSIVE", [0x0b] = "EXCESSIVE_LOAD",
}

-- SPEC.md §4.2, gRPC's numbering.
local STATUS_NAMES = {
    [0] = "OK", [1] = "CANCELLED", [2] = "UNKNOWN", [3] = "INVALID_ARGUMENT", [4] = "DEADLINE_EXCEEDED",
    [5] = "NOT_FOUND", [6] = "ALREADY_EXISTS", [7] = "PERMISSION_DENIED", [8] = "RESOURCE_EXHAUSTED",
    [9] = "FAILED_PRECONDITION", [10] = "ABORTED", [11] = "OUT_OF_RANGE", [12] = "UNIMPLEMENTED",
    [13] = "INTERNAL", [14] = "UNAVAILABLE", [15] = "DATA_LOSS", [16] = "UNAUTHENTICATED",
}

-- A code's name, or its number when the code is unknown (a receiver treats it as SPEC.md §4 says).
local function code_name(names, code)
    return names[code] or ("unknown code " .. tostring(code))
end

local WIRE_TYPE_NAMES = { [0] = "VARINT", [1] = "I64", [2] = "LEN", [3] = "SGROUP", [4] = "EGROUP", [5] = "I32" }

local pf = {
    stream_id = ProtoField.uint64("quicidl.stream_id", "Stream ID"),
    stream_kind = ProtoField.string("quicidl.stream_kind", "Stream kind"),
    stream_role = ProtoField.string("quicidl.stream_role", "Stream role"),
    stream_method = ProtoField.string("quicidl.stream_method", "Method of the stream's call"),
    frame = ProtoField.none("quicidl.frame", "Frame"),
    frame_type = ProtoField.uint32("quicidl.frame.type", "Type", base.HEX, FRAME_NAMES),
    frame_length = ProtoField.uint32("quicidl.frame.length", "Length"),
    metadata_key = ProtoField.string("quicidl.metadata.key", "Key"),
    metadata_value = ProtoField.bytes("quicidl.metadata.value", "Value"),
    call_method = ProtoField.string("quicidl.call.method", "Method"),
    call_timeout = ProtoField.uint64("quicidl.call.timeout_micros", "Timeout (microseconds)"),
    call_realtime_call_id = ProtoField.uint64("quicidl.call.realtime_call_id", "Realtime call ID"),
    call_realtime_sequence = ProtoField.uint64("quicidl.call.realtime_sequence", "Realtime sequence"),
    call_realtime_end = ProtoField.bool("quicidl.call.realtime_end", "Realtime end"),
    message_payload = ProtoField.bytes("quicidl.message.payload", "Payload"),
    status_code = ProtoField.uint32("quicidl.status.code", "Code", base.DEC, STATUS_NAMES),
    status_message = ProtoField.string("quicidl.status.message", "Message"),
    error_type = ProtoField.string("quicidl.status.error.type", "Error type"),
    error_value = ProtoField.bytes("quicidl.status.error.value", "Error value"),
    status_response_count = ProtoField.uint64("quicidl.status.response_count", "Response count"),
    response_call_stream_id = ProtoField.uint64("quicidl.response_header.call_stream_id", "Call stream ID"),
    response_index = ProtoField.uint64("quicidl.response_header.index", "Index"),
    settings_max_message_bytes = ProtoField.uint64("quicidl.settings.max_message_bytes", "Max message bytes"),
    settings_max_metadata_bytes = ProtoField.uint64("quicidl.settings.max_metadata_bytes", "Max metadata bytes"),
    goaway_bidi_limit = ProtoField.uint64("quicidl.goaway.bidi_limit", "Bidi limit"),
    goaway_uni_limit = ProtoField.uint64("quicidl.goaway.uni_limit", "Uni limit"),
    goaway_code = ProtoField.uint32("quicidl.goaway.code", "Code", base.HEX, ERROR_CODE_NAMES),
    goaway_reason = ProtoField.string("quicidl.goaway.reason", "Reason"),
    stopped_stream_id = ProtoField.uint64("quicidl.stream_stopped.stream_id", "Stream ID"),
    stopped_code = ProtoField.uint32("quicidl.stream_stopped.code", "Code", base.HEX, ERROR_CODE_NAMES),
    stopped_status_code = ProtoField.uint32("quicidl.stream_stopped.status_code", "Status code", base.DEC, STATUS_NAMES),
    stopped_status_message = ProtoField.string("quicidl.stream_stopped.status_message", "Status message"),
    ping_opaque = ProtoField.uint64("quicidl.ping.opaque", "Opaque"),
    unknown_field = ProtoField.uint32("quicidl.unknown_field", "Unknown field number"),
}
quicidl.fields = pf

local ex = {
    malformed = ProtoExpert.new("quicidl.malformed", "Malformed quicidl frame",
        expert.group.MALFORMED, expert.severity.ERROR),
    unknown_type = ProtoExpert.new("quicidl.unknown_type", "Unknown quicidl frame type (a protocol error in v1)",
        expert.group.PROTOCOL, expert.severity.ERROR),
    incomplete = ProtoExpert.new("quicidl.missing_data", "Stream data missing from the capture",
        expert.group.REASSEMBLE, expert.severity.WARN),
    error_status = ProtoExpert.new("quicidl.error_status", "Call ended with an error status",
        expert.group.RESPONSE_CODE, expert.severity.NOTE),
}
quicidl.experts = { ex.malformed, ex.unknown_type, ex.incomplete, ex.error_status }

-- A QUIC variable-length integer (RFC 9000 §16) at offset of a ByteArray: value (a Lua number,
-- exact below 2^53) and its size, or nil when the bytes end first.
local function quic_varint(bytes, offset)
    if offset >= bytes:len() then
        return nil
    end
    local first = bytes:get_index(offset)
    local size = 2 ^ math.floor(first / 64)
    if offset + size > bytes:len() then
        return nil
    end
    local value = first % 64
    for i = 1, size - 1 do
        value = value * 256 + bytes:get_index(offset + i)
    end
    return value, size
end

-- A protobuf base-128 varint inside [offset, limit): value as UInt64 and its size, or nil.
local function proto_varint(tvb, offset, limit)
    local value = UInt64(0)
    local scale = UInt64(1)
    for i = 0, 9 do
        if offset + i >= limit then
            return nil
        end
        local byte = tvb(offset + i, 1):uint()
        value = value + scale * (byte % 128)
        if byte < 128 then
            return value, i + 1
        end
        scale = scale * 128
    end
    return nil
end

local function small(value)
    return tonumber(tostring(value))
end

-- The fields of a protobuf-encoded payload (SPEC.md §3), a TvbRange, each {number, wire, range,
-- value}: value is a UInt64 for VARINT, the content TvbRange for LEN (nil when empty), nil
-- otherwise. Returns nil and a reason when the bytes break the protobuf wire format.
local function proto_fields(tvb)
    local offset, limit = 0, tvb:len()
    local fields = {}
    local groups = {}
    while offset < limit do
        local tag, tag_size = proto_varint(tvb, offset, limit)
        if not tag then
            return nil, "truncated tag at offset " .. offset
        end
        local number = small(tag / 8)
        local wire = small(tag % 8)
        local start = offset
        offset = offset + tag_size
        local value
        if number == 0 then
            return nil, "field number 0 at offset " .. start
        elseif wire == 0 then
            local size
            value, size = proto_varint(tvb, offset, limit)
            if not value then
                return nil, "truncated varint in field " .. number
            end
            offset = offset + size
        elseif wire == 1 or wire == 5 then
            local size = wire == 1 and 8 or 4
            if offset + size > limit then
                return nil, "truncated fixed-size value in field " .. number
            end
            offset = offset + size
        elseif wire == 2 then
            local count, size = proto_varint(tvb, offset, limit)
            if not count then
                return nil, "truncated length in field " .. number
            end
            offset = offset + size
            if small(count) > limit - offset then
                return nil, "length of field " .. number .. " runs past the end"
            end
            -- An empty value has no range: Wireshark has none at the end of a buffer.
            if small(count) > 0 then
                value = tvb(offset, small(count))
            end
            offset = offset + small(count)
        elseif wire == 3 then
            table.insert(groups, number)
        elseif wire == 4 then
            if table.remove(groups) ~= number then
                return nil, "end-group tag of field " .. number .. " without its group"
            end
        else
            return nil, "wire type " .. wire .. " in field " .. number
        end
        if #groups == 0 and wire ~= 3 then
            table.insert(fields, { number = number, wire = wire, range = tvb(start, offset - start), value = value })
        end
    end
    if #groups > 0 then
        return nil, "group of field " .. groups[#groups] .. " without its end"
    end
    return fields
end

-- The text of a LEN field (string or bytes), read as UTF-8.
local function text_of(field)
    return field.value and field.value:string(ENC_UTF_8) or ""
end

-- The bytes to highlight for a LEN field: its content, or the whole field when that is empty.
local function content_of(field)
    return field.value or field.range
end

-- The fields of a LEN field holding a structure (MetadataEntry, ErrorDetail).
local function structure_of(field)
    if not field.value then
        return {}
    end
    return proto_fields(field.value)
end

local function malformed(item, reason)
    item:add_proto_expert_info(ex.malformed, "Malformed quicidl frame: " .. reason)
end

local function add_metadata(tree, field, label)
    local entry = tree:add(field.range, label)
    local parsed, reason = structure_of(field)
    if not parsed then
        malformed(entry, "metadata entry: " .. reason)
        return
    end
    local key, value = "", ""
    for _, inner in ipairs(parsed) do
        if inner.number == 1 and inner.wire == 2 then
            key = text_of(inner)
            entry:add(pf.metadata_key, content_of(inner), key)
        elseif inner.number == 2 and inner.wire == 2 then
            value = text_of(inner)
            if inner.value then
                entry:add(pf.metadata_value, inner.value):append_text(" (\"" .. value .. "\")")
            else
                entry:add(inner.range, "Value: (empty)")
            end
        else
            entry:add(pf.unknown_field, inner.range, inner.number)
        end
    end
    if key == "" then
        malformed(entry, "metadata entry without a key (SPEC.md §7.1)")
    end
    entry:append_text(": " .. key .. " = " .. value)
end

local function add_error_detail(tree, field)
    local detail = tree:add(field.range, "Error detail")
    local parsed, reason = structure_of(field)
    if not parsed then
        malformed(detail, "error detail: " .. reason)
        return
    end
    for _, inner in ipairs(parsed) do
        if inner.number == 1 and inner.wire == 2 then
            detail:add(pf.error_type, content_of(inner), text_of(inner))
            detail:append_text(": " .. text_of(inner))
        elseif inner.number == 2 and inner.wire == 2 then
            if inner.value then
                detail:add(pf.error_value, inner.value)
            end
        else
            detail:add(pf.unknown_field, inner.range, inner.number)
        end
    end
end

-- How each payload field is shown (SPEC.md §3): field number -> {kind, ProtoField}. Kinds:
-- "string", "uint64", "uint32", "bool", "metadata", "trailers", "error".
local SCHEMAS = {
    [FRAME.CALL] = {
        [1] = { "string", pf.call_method }, [2] = { "uint64", pf.call_timeout }, [3] = { "metadata" },
        [4] = { "uint64", pf.call_realtime_call_id }, [5] = { "uint64", pf.call_realtime_sequence },
        [6] = { "bool", pf.call_realtime_end },
    },
    [FRAME.STATUS] = {
        [1] = { "uint32", pf.status_code }, [2] = { "string", pf.status_message }, [3] = { "error" },
        [4] = { "trailers" }, [5] = { "uint64", pf.status_response_count },
    },
    [FRAME.RESPONSE_HEADER] = { [1] = { "uint64", pf.response_call_stream_id }, [2] = { "uint64", pf.response_index } },
    [FRAME.HEADERS] = { [1] = { "metadata" } },
    [FRAME.SETTINGS] = {
        [1] = { "uint64", pf.settings_max_message_bytes }, [2] = { "uint64", pf.settings_max_metadata_bytes },
    },
    [FRAME.GOAWAY] = {
        [1] = { "uint64", pf.goaway_bidi_limit }, [2] = { "uint64", pf.goaway_uni_limit },
        [3] = { "uint32", pf.goaway_code }, [4] = { "string", pf.goaway_reason },
    },
    [FRAME.DRAINED] = {},
    [FRAME.STREAM_STOPPED] = {
        [1] = { "uint64", pf.stopped_stream_id }, [2] = { "uint32", pf.stopped_code },
        [3] = { "uint32", pf.stopped_status_code }, [4] = { "string", pf.stopped_status_message },
    },
    [FRAME.PING] = { [1] = { "uint64", pf.ping_opaque } },
    [FRAME.PONG] = { [1] = { "uint64", pf.ping_opaque } },
}

local WIRE_OF_KIND = { string = 2, uint64 = 0, uint32 = 0, bool = 0, metadata = 2, trailers = 2, error = 2 }

-- Adds the payload's fields under tree; returns a table of field number -> shown value (the last
-- occurrence wins, SPEC.md §3) for the summary line.
local function add_payload_fields(tree, frame_type, payload)
    local schema = SCHEMAS[frame_type]
    local parsed, reason = proto_fields(payload)
    local seen = {}
    if not parsed then
        malformed(tree, FRAME_NAMES[frame_type] .. " payload: " .. reason)
        return seen
    end
    for _, field in ipairs(parsed) do
        local spec = schema[field.number]
        if not spec then
            tree:add(pf.unknown_field, field.range, field.number)
                :append_text(" (" .. (WIRE_TYPE_NAMES[field.wire] or field.wire) .. ", skipped)")
        elseif WIRE_OF_KIND[spec[1]] ~= field.wire then
            malformed(tree:add(pf.unknown_field, field.range, field.number),
                "field " .. field.number .. " has wire type " .. field.wire .. ", SPEC.md §3 says "
                .. WIRE_OF_KIND[spec[1]])
        elseif spec[1] == "string" then
            tree:add(spec[2], content_of(field), text_of(field))
            seen[field.number] = text_of(field)
        elseif spec[1] == "uint64" then
            tree:add(spec[2], field.range, field.value)
            seen[field.number] = tostring(field.value)
        elseif spec[1] == "uint32" then
            if field.value > UInt64(0xffffffff) then
                tree:add(field.range, "Code " .. tostring(field.value) .. " (above 2^32-1, an unknown code)")
                seen[field.number] = tostring(field.value)
            else
                tree:add(spec[2], field.range, small(field.value))
                seen[field.number] = small(field.value)
            end
        elseif spec[1] == "bool" then
            tree:add(spec[2], field.range, field.value ~= UInt64(0))
            seen[field.number] = field.value ~= UInt64(0)
        elseif spec[1] == "metadata" then
            add_metadata(tree, field, "Metadata")
        elseif spec[1] == "trailers" then
            add_metadata(tree, field, "Trailer")
        elseif spec[1] == "error" then
            add_error_detail(tree, field)
        end
    end
    return seen
end

-- Shows an absent field with its zero value (OK, NO_ERROR, index 0), as a receiver reads it;
-- zero is 0, or UInt64(0) for a uint64 field.
local function add_implied_zero(tree, field, seen, number, payload, zero)
    if seen[number] == nil then
        tree:add(field, payload, zero or 0):set_generated()
        seen[number] = 0
    end
end

-- The top-level fields of a MESSAGE payload, without the schema: numbers and wire types only.
local function add_message_fields(tree, payload)
    tree:add(pf.message_payload, payload)
    local parsed = proto_fields(payload)
    if not parsed then
        return
    end
    for _, field in ipairs(parsed) do
        local shown = field.wire == 0 and tostring(field.value)
            or field.wire == 2 and ((field.value and field.value:len() or 0) .. " bytes")
            or (field.range:len() .. " bytes")
        tree:add(field.range, "Field " .. field.number .. " (" .. WIRE_TYPE_NAMES[field.wire] .. "): " .. shown)
    end
end

-- One frame's payload under item; returns the frame's one-line summary for the Info column, and
-- the values of its fields by field number.
-- payload is the payload's range, or for an empty payload the length field's (Wireshark has no
-- empty ranges at the end of a buffer).
local function dissect_payload(item, frame_type, payload, payload_length)
    local name = FRAME_NAMES[frame_type]
    if frame_type == FRAME.MESSAGE then
        if payload_length > 0 then
            add_message_fields(item, payload)
        end
        return name .. " (" .. payload_length .. " bytes)", {}
    end
    local seen = payload_length > 0 and add_payload_fields(item, frame_type, payload) or {}
    if frame_type == FRAME.CALL then
        return name .. " " .. (seen[1] or "(no method)"), seen
    elseif frame_type == FRAME.STATUS then
        add_implied_zero(item, pf.status_code, seen, 1, payload)
        local code = code_name(STATUS_NAMES, seen[1])
        if seen[1] ~= 0 then
            item:add_proto_expert_info(ex.error_status, "Status " .. code)
        end
        return name .. " " .. code, seen
    elseif frame_type == FRAME.GOAWAY then
        add_implied_zero(item, pf.goaway_code, seen, 3, payload)
        return name .. " " .. code_name(ERROR_CODE_NAMES, seen[3]), seen
    elseif frame_type == FRAME.STREAM_STOPPED then
        add_implied_zero(item, pf.stopped_code, seen, 2, payload)
        return name .. " " .. (seen[1] or "0") .. " " .. code_name(ERROR_CODE_NAMES, seen[2]), seen
    elseif frame_type == FRAME.RESPONSE_HEADER then
        add_implied_zero(item, pf.response_index, seen, 2, payload, UInt64(0))
        return name .. " index " .. seen[2], seen
    end
    return name, seen
end

local STREAM_KINDS = {
    [0] = "client-initiated bidirectional", [1] = "server-initiated bidirectional",
    [2] = "client-initiated unidirectional", [3] = "server-initiated unidirectional",
}

-- QUIC's fields of the STREAM frame whose data this dissector is handed: the last STREAM frame
-- QUIC has decoded so far in the packet. Its offset field is absent when the offset is 0.
local quic_stream_id_field = Field.new("quic.stream.stream_id")
local quic_stream_offset_field = Field.new("quic.stream.offset")
local quic_connection_field = Field.new("quic.connection.number")

-- The stream's id and the offset of the data in it, or nil and 0 without QUIC below (the
-- dissector applied to raw bytes, e.g. through a user DLT).
local function current_stream()
    local ids = { quic_stream_id_field() }
    local id = ids[#ids]
    if not id then
        return nil, 0
    end
    local offsets = { quic_stream_offset_field() }
    local last_offset = offsets[#offsets]
    local offset = 0
    if last_offset and last_offset.offset > id.offset then
        offset = small(last_offset.value)
    end
    return id, offset
end

-- Frames may span STREAM frames (SPEC.md §2). QUIC's own reassembly is not used: it does not call
-- Lua dissectors back with the reassembled data in Wireshark 4.0. Instead each direction of each
-- stream keeps the bytes of its unfinished frame; the first pass records, per packet and stream,
-- the complete frames found there, and later passes show what was recorded.
local streams = {}
local results = {}

function quicidl.init()
    streams = {}
    results = {}
    roles = {}
end

-- The end of the complete frames at the start of bytes; whether an unknown frame type ends them;
-- and where the incomplete frame after them ends, when its header is complete.
local function frame_boundaries(bytes)
    local offset = 0
    while offset < bytes:len() do
        local frame_type, type_size = quic_varint(bytes, offset)
        if frame_type and not FRAME_NAMES[frame_type] then
            return offset, true
        end
        local payload_length, length_size
        if frame_type then
            payload_length, length_size = quic_varint(bytes, offset + type_size)
        end
        if not payload_length or offset + type_size + length_size + payload_length > bytes:len() then
            return offset, false, payload_length and offset + type_size + length_size + payload_length
        end
        offset = offset + type_size + length_size + payload_length
    end
    return offset, false
end

-- Adds a chunk of stream data at stream_offset to its stream; returns what this packet shows:
-- {frames = ByteArray of complete frames or nil, in_chunk = whether they are the chunk's first
-- bytes, note = text or nil, missing = text or nil}.
local function reassemble(key, stream_offset, chunk)
    local state = streams[key]
    if not state then
        state = { next_offset = 0, parts = {}, have = 0, need = nil }
        streams[key] = state
    end
    if state.broken then
        return { missing = "Not decoded: earlier data of this stream is missing from the capture" }
    end
    if stream_offset > state.next_offset then
        state.broken = true
        return { missing = "Not decoded: " .. (stream_offset - state.next_offset)
            .. " bytes of this stream before this data are missing from the capture" }
    end
    local skip = state.next_offset - stream_offset
    if skip >= chunk:len() then
        return { note = "Retransmitted data, shown where it first arrived" }
    end
    local fresh = chunk:subset(skip, chunk:len() - skip)
    local carried = state.have
    state.next_offset = stream_offset + chunk:len()
    table.insert(state.parts, fresh)
    state.have = state.have + fresh:len()
    if state.need and state.have < state.need then
        return { note = "Frame continues in later packets (" .. state.have .. " of " .. state.need .. " bytes)" }
    end
    local bytes = ByteArray.new()
    for _, part in ipairs(state.parts) do
        bytes:append(part)
    end
    local complete, unknown, need = frame_boundaries(bytes)
    if unknown then
        -- A protocol error ends the stream (SPEC.md §2): later frame boundaries would be guesses.
        state.broken = true
        return { frames = bytes }
    end
    local rest = bytes:len() - complete
    state.parts = rest > 0 and { bytes:subset(complete, rest) } or {}
    state.have = rest
    state.need = need and need - complete
    local result = {}
    if complete > 0 then
        result.frames = bytes:subset(0, complete)
        -- Frames that all start in this chunk are shown on the packet's own bytes.
        result.in_chunk = carried == 0 and skip == 0
    end
    if rest > 0 then
        result.note = "Frame continues in later packets (" .. rest .. (need and (" of " .. state.need) or "") .. " bytes)"
    end
    return result
end

-- Shows the frames in tvb under root; returns their summaries, and what the frames that open a
-- stream say about it: {method = CALL method, call_stream = RESPONSE_HEADER call stream id,
-- control = true after SETTINGS}.
local function dissect_frames(tvb, root)
    local summaries = {}
    local opening = {}
    local bytes = tvb:bytes()
    local offset = 0
    while offset < tvb:len() do
        local frame_type, type_size = quic_varint(bytes, offset)
        if not FRAME_NAMES[frame_type] then
            local summary = string.format("UNKNOWN(0x%x)", frame_type)
            root:add(tvb(offset), summary):add_proto_expert_info(ex.unknown_type,
                "Unknown quicidl frame type " .. summary .. " (not in SPEC.md §2); the rest of the stream is not decoded")
            table.insert(summaries, summary)
            break
        end
        local payload_length, length_size = quic_varint(bytes, offset + type_size)
        local frame_end = offset + type_size + length_size + payload_length
        local item = root:add(pf.frame, tvb(offset, frame_end - offset))
        item:add(pf.frame_type, tvb(offset, type_size), frame_type)
        item:add(pf.frame_length, tvb(offset + type_size, length_size), payload_length)
        local payload = payload_length > 0 and tvb(offset + type_size + length_size, payload_length)
            or tvb(offset + type_size, length_size)
        local summary, seen = dissect_payload(item, frame_type, payload, payload_length)
        item:set_text(summary)
        table.insert(summaries, summary)
        if frame_type == FRAME.CALL then
            opening.method = seen[1]
        elseif frame_type == FRAME.RESPONSE_HEADER then
            opening.call_stream = seen[1]
        elseif frame_type == FRAME.SETTINGS then
            opening.control = true
        end
        offset = frame_end
    end
    return summaries, opening
end

-- What each stream is, from its first frame (SPEC.md §1), by connection and stream id:
-- {role = text, method = the call's method path}. Its response half and @unordered response
-- streams are shown with the call's method.
local roles = {}

local function learn_role(connection, stream_id, opening)
    local key = connection .. " " .. stream_id
    if opening.method then
        roles[key] = { role = "call stream", method = opening.method }
    elseif opening.call_stream then
        local call = roles[connection .. " " .. opening.call_stream] or {}
        roles[key] = { role = "@unordered response stream of stream " .. opening.call_stream, method = call.method }
    elseif opening.control then
        roles[key] = { role = "control stream" }
    end
    return roles[key]
end

function quicidl.dissector(tvb, pinfo, tree)
    local id, stream_offset = current_stream()
    local root = tree:add(quicidl, tvb())
    local stream_id = id and tostring(id.value) or "?"
    if id then
        root:add(pf.stream_id, id.range, id.value):set_generated()
        root:add(pf.stream_kind, STREAM_KINDS[small(id.value % 4)]):set_generated()
    end
    root:append_text(", stream " .. stream_id)
    -- One direction of one stream of one connection; without QUIC, each buffer is a stream's start.
    local connection = "packet " .. pinfo.number
    if id then
        local connections = { quic_connection_field() }
        connection = connections[#connections] and tostring(connections[#connections].value) or "?"
    end
    local key = table.concat({ connection, tostring(pinfo.src), pinfo.src_port, stream_id }, " ")
    local result_key = pinfo.number .. " " .. key .. " " .. stream_offset
    local result = results[result_key]
    if not result then
        result = reassemble(key, stream_offset, tvb:bytes())
        results[result_key] = result
    end
    local summaries, opening = {}, {}
    if result.frames then
        local frames = result.in_chunk and tvb:range(0, result.frames:len()):tvb()
            or result.frames:tvb("Reassembled quicidl frames")
        summaries, opening = dissect_frames(frames, root)
    end
    local role = learn_role(connection, stream_id, opening)
    if role then
        root:add(pf.stream_role, role.role):set_generated()
        if role.method then
            root:add(pf.stream_method, role.method):set_generated()
        end
    end
    if result.note then
        root:add(tvb(), result.note)
    end
    if result.missing then
        root:add(tvb(), result.missing):add_proto_expert_info(ex.incomplete, result.missing)
    end
    if #summaries > 0 then
        pinfo.cols.protocol = "quicidl"
        pinfo.cols.info:append(" quicidl: " .. table.concat(summaries, ", "))
    end
    return tvb:len()
end

DissectorTable.get("quic.proto"):add(ALPN, quicidl)
