"""One signed QingCloud API call over https, the way the Python SDK makes it: http.client's
HTTPSConnection with Python's default TLS context (so SSL_CERT_FILE decides which CA is trusted),
HMAC-SHA256 over "GET\\n/iaas/\\n" and the sorted, percent-encoded query. Standard library only, so
it runs wherever python3 does (CI has no network to fetch the SDK itself).

usage: python3 python-https-call.py CREDENTIALS_YAML ACTION [key=value ...]
prints the JSON reply; exits 3 when the TLS handshake fails (the reason on stderr).
"""
import base64
import hashlib
import hmac
import http.client
import json
import ssl
import sys
import time
import urllib.parse


def read_credentials(path):
    # the flat `key: value` file `qinglocal serve` writes; no YAML module needed
    values = {}
    with open(path) as f:
        for line in f:
            key, sep, value = line.partition(':')
            if sep:
                values[key.strip()] = value.strip().strip('\'"')
    return values


def main():
    credentials = read_credentials(sys.argv[1])
    params = dict(arg.split('=', 1) for arg in sys.argv[3:])
    params.update({
        'action': sys.argv[2],
        'zone': params.get('zone', credentials['zone']),
        'access_key_id': credentials['qy_access_key_id'],
        'signature_method': 'HmacSHA256',
        'signature_version': '1',
        'version': '1',
        'time_stamp': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
    })
    query = '&'.join(urllib.parse.quote(k, safe='') + '=' + urllib.parse.quote(params[k], safe='-_~') for k in sorted(params))
    digest = hmac.new(credentials['qy_secret_access_key'].encode(), ('GET\n/iaas/\n' + query).encode(), hashlib.sha256).digest()
    signature = urllib.parse.quote_plus(base64.b64encode(digest).strip().decode())
    connection = http.client.HTTPSConnection(credentials['host'], int(credentials['port']), timeout=10)
    try:
        connection.request('GET', '/iaas/?' + query + '&signature=' + signature)
    except ssl.SSLError as error:
        print(error, file=sys.stderr)
        sys.exit(3)
    print(json.dumps(json.loads(connection.getresponse().read())))


main()
