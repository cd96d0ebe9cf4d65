/* Additional changes for SwiftNIO:
    - prefixed all symbols by 'c_nio_' (SwiftNIO), then by 'nano_' (NANO)
*/
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "include/nano_llhttp.h"

#define CALLBACK_MAYBE(PARSER, NAME)                                          \
  do {                                                                        \
    const nano_llhttp_settings_t* settings;                                        \
    settings = (const nano_llhttp_settings_t*) (PARSER)->settings;                 \
    if (settings == NULL || settings->NAME == NULL) {                         \
      err = 0;                                                                \
      break;                                                                  \
    }                                                                         \
    err = settings->NAME((PARSER));                                           \
  } while (0)

#define SPAN_CALLBACK_MAYBE(PARSER, NAME, START, LEN)                         \
  do {                                                                        \
    const nano_llhttp_settings_t* settings;                                        \
    settings = (const nano_llhttp_settings_t*) (PARSER)->settings;                 \
    if (settings == NULL || settings->NAME == NULL) {                         \
      err = 0;                                                                \
      break;                                                                  \
    }                                                                         \
    err = settings->NAME((PARSER), (START), (LEN));                           \
    if (err == -1) {                                                          \
      err = HPE_USER;                                                         \
      nano_llhttp_set_error_reason((PARSER), "Span callback error in " #NAME);     \
    }                                                                         \
  } while (0)

void nano_llhttp_init(nano_llhttp_t* parser, nano_llhttp_type_t type,
                 const nano_llhttp_settings_t* settings) {
  nano_llhttp__internal_init(parser);

  parser->type = type;
  parser->settings = (void*) settings;
}


#if defined(__wasm__)

extern int wasm_on_message_begin(nano_llhttp_t * p);
extern int wasm_on_url(nano_llhttp_t* p, const char* at, size_t length);
extern int wasm_on_status(nano_llhttp_t* p, const char* at, size_t length);
extern int wasm_on_header_field(nano_llhttp_t* p, const char* at, size_t length);
extern int wasm_on_header_value(nano_llhttp_t* p, const char* at, size_t length);
extern int wasm_on_headers_complete(nano_llhttp_t * p, int status_code,
                                    uint8_t upgrade, int should_keep_alive);
extern int wasm_on_body(nano_llhttp_t* p, const char* at, size_t length);
extern int wasm_on_message_complete(nano_llhttp_t * p);

static int wasm_on_headers_complete_wrap(nano_llhttp_t* p) {
  return wasm_on_headers_complete(p, p->status_code, p->upgrade,
                                  nano_llhttp_should_keep_alive(p));
}

const nano_llhttp_settings_t wasm_settings = {
  .on_message_begin = wasm_on_message_begin,
  .on_url = wasm_on_url,
  .on_status = wasm_on_status,
  .on_header_field = wasm_on_header_field,
  .on_header_value = wasm_on_header_value,
  .on_headers_complete = wasm_on_headers_complete_wrap,
  .on_body = wasm_on_body,
  .on_message_complete = wasm_on_message_complete,
};


nano_llhttp_t* nano_llhttp_alloc(nano_llhttp_type_t type) {
  nano_llhttp_t* parser = malloc(sizeof(nano_llhttp_t));
  nano_llhttp_init(parser, type, &wasm_settings);
  return parser;
}

void nano_llhttp_free(nano_llhttp_t* parser) {
  free(parser);
}

#endif  // defined(__wasm__)

/* Some getters required to get stuff from the parser */

uint8_t nano_llhttp_get_type(nano_llhttp_t* parser) {
  return parser->type;
}

uint8_t nano_llhttp_get_http_major(nano_llhttp_t* parser) {
  return parser->http_major;
}

uint8_t nano_llhttp_get_http_minor(nano_llhttp_t* parser) {
  return parser->http_minor;
}

uint8_t nano_llhttp_get_method(nano_llhttp_t* parser) {
  return parser->method;
}

int nano_llhttp_get_status_code(nano_llhttp_t* parser) {
  return parser->status_code;
}

uint8_t nano_llhttp_get_upgrade(nano_llhttp_t* parser) {
  return parser->upgrade;
}


void nano_llhttp_reset(nano_llhttp_t* parser) {
  nano_llhttp_type_t type = parser->type;
  const nano_llhttp_settings_t* settings = parser->settings;
  void* data = parser->data;
  uint16_t lenient_flags = parser->lenient_flags;

  nano_llhttp__internal_init(parser);

  parser->type = type;
  parser->settings = (void*) settings;
  parser->data = data;
  parser->lenient_flags = lenient_flags;
}


nano_llhttp_errno_t nano_llhttp_execute(nano_llhttp_t* parser, const char* data, size_t len) {
  return nano_llhttp__internal_execute(parser, data, data + len);
}


void nano_llhttp_settings_init(nano_llhttp_settings_t* settings) {
  memset(settings, 0, sizeof(*settings));
}


nano_llhttp_errno_t nano_llhttp_finish(nano_llhttp_t* parser) {
  int err;

  /* We're in an error state. Don't bother doing anything. */
  if (parser->error != 0) {
    return 0;
  }

  switch (parser->finish) {
    case HTTP_FINISH_SAFE_WITH_CB:
      CALLBACK_MAYBE(parser, on_message_complete);
      if (err != HPE_OK) return err;

    /* FALLTHROUGH */
    case HTTP_FINISH_SAFE:
      return HPE_OK;
    case HTTP_FINISH_UNSAFE:
      parser->reason = "Invalid EOF state";
      return HPE_INVALID_EOF_STATE;
    default:
      abort();
  }
}


void nano_llhttp_pause(nano_llhttp_t* parser) {
  if (parser->error != HPE_OK) {
    return;
  }

  parser->error = HPE_PAUSED;
  parser->reason = "Paused";
}


void nano_llhttp_resume(nano_llhttp_t* parser) {
  if (parser->error != HPE_PAUSED) {
    return;
  }

  parser->error = 0;
}


void nano_llhttp_resume_after_upgrade(nano_llhttp_t* parser) {
  if (parser->error != HPE_PAUSED_UPGRADE) {
    return;
  }

  parser->error = 0;
}


nano_llhttp_errno_t nano_llhttp_get_errno(const nano_llhttp_t* parser) {
  return parser->error;
}


const char* nano_llhttp_get_error_reason(const nano_llhttp_t* parser) {
  return parser->reason;
}


void nano_llhttp_set_error_reason(nano_llhttp_t* parser, const char* reason) {
  parser->reason = reason;
}


const char* nano_llhttp_get_error_pos(const nano_llhttp_t* parser) {
  return parser->error_pos;
}


const char* nano_llhttp_errno_name(nano_llhttp_errno_t err) {
#define HTTP_ERRNO_GEN(CODE, NAME, _) case HPE_##NAME: return "HPE_" #NAME;
  switch (err) {
    HTTP_ERRNO_MAP(HTTP_ERRNO_GEN)
    default: abort();
  }
#undef HTTP_ERRNO_GEN
}


const char* nano_llhttp_method_name(nano_llhttp_method_t method) {
#define HTTP_METHOD_GEN(NUM, NAME, STRING) case HTTP_##NAME: return #STRING;
  switch (method) {
    HTTP_ALL_METHOD_MAP(HTTP_METHOD_GEN)
    default: abort();
  }
#undef HTTP_METHOD_GEN
}

const char* nano_llhttp_status_name(nano_llhttp_status_t status) {
#define HTTP_STATUS_GEN(NUM, NAME, STRING) case HTTP_STATUS_##NAME: return #STRING;
  switch (status) {
    HTTP_STATUS_MAP(HTTP_STATUS_GEN)
    default: abort();
  }
#undef HTTP_STATUS_GEN
}


void nano_llhttp_set_lenient_headers(nano_llhttp_t* parser, int enabled) {
  if (enabled) {
    parser->lenient_flags |= LENIENT_HEADERS;
  } else {
    parser->lenient_flags &= ~LENIENT_HEADERS;
  }
}


void nano_llhttp_set_lenient_chunked_length(nano_llhttp_t* parser, int enabled) {
  if (enabled) {
    parser->lenient_flags |= LENIENT_CHUNKED_LENGTH;
  } else {
    parser->lenient_flags &= ~LENIENT_CHUNKED_LENGTH;
  }
}


void nano_llhttp_set_lenient_keep_alive(nano_llhttp_t* parser, int enabled) {
  if (enabled) {
    parser->lenient_flags |= LENIENT_KEEP_ALIVE;
  } else {
    parser->lenient_flags &= ~LENIENT_KEEP_ALIVE;
  }
}

void nano_llhttp_set_lenient_transfer_encoding(nano_llhttp_t* parser, int enabled) {
  if (enabled) {
    parser->lenient_flags |= LENIENT_TRANSFER_ENCODING;
  } else {
    parser->lenient_flags &= ~LENIENT_TRANSFER_ENCODING;
  }
}

void nano_llhttp_set_lenient_version(nano_llhttp_t* parser, int enabled) {
  if (enabled) {
    parser->lenient_flags |= LENIENT_VERSION;
  } else {
    parser->lenient_flags &= ~LENIENT_VERSION;
  }
}

void nano_llhttp_set_lenient_data_after_close(nano_llhttp_t* parser, int enabled) {
  if (enabled) {
    parser->lenient_flags |= LENIENT_DATA_AFTER_CLOSE;
  } else {
    parser->lenient_flags &= ~LENIENT_DATA_AFTER_CLOSE;
  }
}

void nano_llhttp_set_lenient_optional_lf_after_cr(nano_llhttp_t* parser, int enabled) {
  if (enabled) {
    parser->lenient_flags |= LENIENT_OPTIONAL_LF_AFTER_CR;
  } else {
    parser->lenient_flags &= ~LENIENT_OPTIONAL_LF_AFTER_CR;
  }
}

void nano_llhttp_set_lenient_optional_crlf_after_chunk(nano_llhttp_t* parser, int enabled) {
  if (enabled) {
    parser->lenient_flags |= LENIENT_OPTIONAL_CRLF_AFTER_CHUNK;
  } else {
    parser->lenient_flags &= ~LENIENT_OPTIONAL_CRLF_AFTER_CHUNK;
  }
}

void nano_llhttp_set_lenient_optional_cr_before_lf(nano_llhttp_t* parser, int enabled) {
  if (enabled) {
    parser->lenient_flags |= LENIENT_OPTIONAL_CR_BEFORE_LF;
  } else {
    parser->lenient_flags &= ~LENIENT_OPTIONAL_CR_BEFORE_LF;
  }
}

void nano_llhttp_set_lenient_spaces_after_chunk_size(nano_llhttp_t* parser, int enabled) {
  if (enabled) {
    parser->lenient_flags |= LENIENT_SPACES_AFTER_CHUNK_SIZE;
  } else {
    parser->lenient_flags &= ~LENIENT_SPACES_AFTER_CHUNK_SIZE;
  }
}

/* Callbacks */


int nano_llhttp__on_message_begin(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_message_begin);
  return err;
}


int nano_llhttp__on_protocol(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  SPAN_CALLBACK_MAYBE(s, on_protocol, p, endp - p);
  return err;
}


int nano_llhttp__on_protocol_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_protocol_complete);
  return err;
}


int nano_llhttp__on_url(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  SPAN_CALLBACK_MAYBE(s, on_url, p, endp - p);
  return err;
}


int nano_llhttp__on_url_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_url_complete);
  return err;
}


int nano_llhttp__on_status(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  SPAN_CALLBACK_MAYBE(s, on_status, p, endp - p);
  return err;
}


int nano_llhttp__on_status_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_status_complete);
  return err;
}


int nano_llhttp__on_method(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  SPAN_CALLBACK_MAYBE(s, on_method, p, endp - p);
  return err;
}


int nano_llhttp__on_method_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_method_complete);
  return err;
}


int nano_llhttp__on_version(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  SPAN_CALLBACK_MAYBE(s, on_version, p, endp - p);
  return err;
}


int nano_llhttp__on_version_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_version_complete);
  return err;
}


int nano_llhttp__on_header_field(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  SPAN_CALLBACK_MAYBE(s, on_header_field, p, endp - p);
  return err;
}


int nano_llhttp__on_header_field_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_header_field_complete);
  return err;
}


int nano_llhttp__on_header_value(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  SPAN_CALLBACK_MAYBE(s, on_header_value, p, endp - p);
  return err;
}


int nano_llhttp__on_header_value_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_header_value_complete);
  return err;
}


int nano_llhttp__on_headers_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_headers_complete);
  return err;
}


int nano_llhttp__on_message_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_message_complete);
  return err;
}


int nano_llhttp__on_body(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  SPAN_CALLBACK_MAYBE(s, on_body, p, endp - p);
  return err;
}


int nano_llhttp__on_chunk_header(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_chunk_header);
  return err;
}


int nano_llhttp__on_chunk_extension_name(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  SPAN_CALLBACK_MAYBE(s, on_chunk_extension_name, p, endp - p);
  return err;
}


int nano_llhttp__on_chunk_extension_name_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_chunk_extension_name_complete);
  return err;
}


int nano_llhttp__on_chunk_extension_value(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  SPAN_CALLBACK_MAYBE(s, on_chunk_extension_value, p, endp - p);
  return err;
}


int nano_llhttp__on_chunk_extension_value_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_chunk_extension_value_complete);
  return err;
}


int nano_llhttp__on_chunk_complete(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_chunk_complete);
  return err;
}


int nano_llhttp__on_reset(nano_llhttp_t* s, const char* p, const char* endp) {
  int err;
  CALLBACK_MAYBE(s, on_reset);
  return err;
}


/* Private */


void nano_llhttp__debug(nano_llhttp_t* s, const char* p, const char* endp,
                   const char* msg) {
  if (p == endp) {
    fprintf(stderr, "p=%p type=%d flags=%02x next=null debug=%s\n", s, s->type,
            s->flags, msg);
  } else {
    fprintf(stderr, "p=%p type=%d flags=%02x next=%02x   debug=%s\n", s,
            s->type, s->flags, *p, msg);
  }
}
