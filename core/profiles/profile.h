#pragma once

#include <QString>
#include <QUrl>

// One place to send requests to: a name, a base URL and how careful to be there.
// Secrets are not part of it; SecretStore keeps them in the OS keychain under the id.
struct Profile {
    static constexpr QStringView SandboxId = u"sandbox";
    static constexpr QStringView DefaultBaseUrl = u"https://api.journy.io";

    QString id;   // stable across renames: the keychain entries are keyed by it
    QString name; // shown to people; unique, case-insensitively
    QUrl baseUrl{DefaultBaseUrl.toString()};
    bool production = false;
    QString colour;            // "#rrggbb"
    bool confirmWrites = true; // writes and deletes on a production profile ask first

    // Set by ProfileStore from what SecretStore reported last; not the secrets themselves.
    bool hasApiKey = false;
    bool hasHmacSecret = false;

    // The built-in in-process sandbox. Its base URL is empty: the console starts the
    // emulator on a free loopback port and knows the URL only at run time.
    static Profile sandbox();
    bool isSandbox() const { return id == SandboxId; }
    bool needsWriteConfirmation() const { return production && confirmWrites; }
    // A fresh random id (a UUID without braces).
    static QString newId();

    bool operator==(const Profile &other) const = default;
};
