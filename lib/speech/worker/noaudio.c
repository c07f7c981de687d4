/* A sound device that is never there: these definitions take the place of libpcaudio's for
 * libespeak-ng in the worker, so that espeak-ng never probes PulseAudio or ALSA (1.51 opens a
 * device even in synchronous mode, and libpulse then starts a thread and may print to stderr).
 * The worker executable exports them, and the dynamic linker binds libespeak-ng to the
 * executable's definitions before libpcaudio's. */
#include <stddef.h>
#include <stdint.h>

struct audio_object;

struct audio_object *create_audio_device_object(const char *device, const char *application_name,
                                                const char *description);
int audio_object_open(struct audio_object *object, int format, uint32_t rate, uint8_t channels);
void audio_object_close(struct audio_object *object);
void audio_object_destroy(struct audio_object *object);
int audio_object_write(struct audio_object *object, const void *data, size_t bytes);
int audio_object_drain(struct audio_object *object);
int audio_object_flush(struct audio_object *object);
const char *audio_object_strerror(struct audio_object *object, int error);

#define NO_DEVICE (-1)

struct audio_object *create_audio_device_object(const char *device, const char *application_name,
                                                const char *description)
{
    (void)device, (void)application_name, (void)description;
    return NULL;
}

int audio_object_open(struct audio_object *object, int format, uint32_t rate, uint8_t channels)
{
    (void)object, (void)format, (void)rate, (void)channels;
    return NO_DEVICE;
}

void audio_object_close(struct audio_object *object)
{
    (void)object;
}

void audio_object_destroy(struct audio_object *object)
{
    (void)object;
}

int audio_object_write(struct audio_object *object, const void *data, size_t bytes)
{
    (void)object, (void)data, (void)bytes;
    return NO_DEVICE;
}

int audio_object_drain(struct audio_object *object)
{
    (void)object;
    return 0;
}

int audio_object_flush(struct audio_object *object)
{
    (void)object;
    return 0;
}

const char *audio_object_strerror(struct audio_object *object, int error)
{
    (void)object, (void)error;
    return "no sound device in a speech worker";
}
