/**
 * The JSON examples of Subscriptions Only's "API Responses" page (seed 004,
 * test/fixtures/seeds/subscriptions-only-api-responses.txt), verbatim: the test server sends these texts byte for
 * byte, and test/providers/subscriptions-only.test.ts checks they are still the seed's.
 */

/** The seed file these examples come from, relative to this module. */
export const SEED_FILE: URL = new URL("../fixtures/seeds/subscriptions-only-api-responses.txt", import.meta.url);

export const SEED = {
  /** Example of a basic response. */
  basic: String.raw`{
    "status":"200",
    "message":"OK",
    "body":{
        "text":"Hello World"
    }
}`,
  /** Example GET request response: one Add-On, `body.data` an object. */
  getOne: String.raw`{
    "status": "200",
    "message": "OK",
    "body": {
        "data": {
            "id": "21",
            "store_id": "00",
            "subscription_id": null,
            "seller_id": "0",
            "unique_id": "SAO-000000",
            "addon_status": "Active",
            "addon_name": "Add On",
            "addon_description": "<p>Add-On</p>\n",
            "addon_price": "10.00",
            "addon_code": "",
            "addon_quantities": "0",
            "addon_quantity": "0",
            "charge_shipping": "0",
            "charge_tax": "0",
            "addon_image": "20",
            "addon_video": null,
            "shipping_measurements_weight": null,
            "shipping_measurements_length": null,
            "shipping_measurements_width": null,
            "shipping_measurements_height": null,
            "created_admin": "3",
            "modified_admin": null,
            "deleted_admin": null,
            "created": "2018-03-20 15:00:47",
            "modified": "2018-04-24 18:46:59",
            "deleted": null
        }
    }
}`,
  /** Example GET request response: all Add-Ons, `body.data` an array. */
  getMany: String.raw`{
    "status": "200",
    "message": "OK",
    "body": {
        "data": [
            {
                "id": "21",
                "store_id": "00",
                "subscription_id": null,
                "seller_id": "0",
                "unique_id": "SAO-000000",
                "addon_status": "Active",
                "addon_name": "Add On",
                "addon_description": "<p>Add-On</p>\n",
                "addon_price": "10.00",
                "addon_code": "",
                "addon_quantities": "0",
                "addon_quantity": "0",
                "charge_shipping": "0",
                "charge_tax": "0",
                "addon_image": "20",
                "addon_video": null,
                "shipping_measurements_weight": null,
                "shipping_measurements_length": null,
                "shipping_measurements_width": null,
                "shipping_measurements_height": null,
                "created_admin": "3",
                "modified_admin": null,
                "deleted_admin": null,
                "created": "2018-03-20 15:00:47",
                "modified": "2018-04-24 18:46:59",
                "deleted": null
            },
            {
                "id": "23",
                "store_id": "00",
                "subscription_id": null,
                "seller_id": "0",
                "unique_id": "SAO-000001",
                "addon_status": "Active",
                "addon_name": "Add-On",
                "addon_description": "<p>Add-On</p>\n",
                "addon_price": "4.99",
                "addon_code": "",
                "addon_quantities": "0",
                "addon_quantity": "0",
                "charge_shipping": "0",
                "charge_tax": "0",
                "addon_image": null,
                "addon_video": null,
                "shipping_measurements_weight": null,
                "shipping_measurements_length": null,
                "shipping_measurements_width": null,
                "shipping_measurements_height": null,
                "created_admin": null,
                "modified_admin": null,
                "deleted_admin": null,
                "created": "2018-04-24 20:58:32",
                "modified": "2018-11-07 20:00:32",
                "deleted": null
            }
        ]
    }
}`,
  /** PUT request response example. */
  put: String.raw`{
    "status": "200",
    "message": "OK",
    "body": {
        "text": "Content updated"
    }
}`,
  /** Example POST request response: no `body`. */
  post: String.raw`{
    "status": "201",
    "message": "Created"
}`,
  /** Example of 400 Bad Request response: an unknown field, by its index in the submitted data. */
  unknownFields: String.raw`{
    "status": "400",
    "message": "Bad Request",
    "body": {
        "text": "Unknown fields submitted.",
        "fields": {
            "9": "this_should_fail"
        }
    }
}`,
  /** Example of failed POST request data: its 10th field (index 9) is the unknown one. */
  couponPost: String.raw`{
    "coupon_code":"API1",
    "amount":"5.00",
    "amount_type":"currency",
    "min_order_total":"5.00",
    "uses_allowed":"0",
    "start_date":"2018-12-25 00:00:00",
    "end_date":"2018-12-31 00:00:00",
    "applies_to":"addon",
    "addon_id":"21",
    "this_should_fail":"because I am unknown"
}`,
  /** Missing required fields POST request failure: indexes into the required-field list. */
  missingFields: String.raw`{
    "status": "400",
    "message": "Bad Request",
    "body": {
        "text": "Required fields missing.",
        "fields": {
            "0": "addon_status",
            "2": "addon_description",
            "3": "addon_price",
            "4": "addon_quantities",
            "5": "addon_code"
        }
    }
}`,
  /** Example DELETE response. */
  delete: String.raw`{
    "status": "200",
    "message": "OK",
    "body": {
        "text": "Delete successful"
    }
}`,
} as const;
